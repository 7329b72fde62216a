import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// Thrown into a request's body when the whole body has not arrived within the request
/// timeout; the handler reading the body answers 408 (``ServiceError/timeout``).
struct RequestBodyTimedOut: Error {}

/// Gives every request body except a `run` body (which streams, under rules of its own,
/// ``RequestBodies/PacedChunks``) the request timeout to arrive whole, counted from the
/// request's head: when it has not, the body's reader gets ``RequestBodyTimedOut`` instead of
/// waiting on, so a client that sends a body slowly (or never) cannot hold a place for longer.
///
/// The deadline is noted at the head and dropped at the body's end; a timer is started
/// only when a read leaves a body unfinished — a small request's head and body arrive in
/// one read and never start one — and cancelled when the body ends. A route reads its
/// body in the request's own task, with no task and no lock of its own per request.
final class BodyDeadlineHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart

    private let timeout: TimeAmount
    /// When the body being received must have ended; `nil` when none is being received.
    private var deadline: NIODeadline?
    private var timer: Scheduled<Void>?

    init(timeout: TimeAmount) {
        self.timeout = timeout
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            stop()
            if !Self.streamsItsBody(head) { deadline = .now() + timeout }
        case .end:
            stop()
        case .body:
            break
        }
        context.fireChannelRead(data)
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        if let deadline, timer == nil {
            timer = context.eventLoop.assumeIsolated().scheduleTask(deadline: deadline) { [weak self] in
                guard let self, self.deadline != nil else { return }
                self.stop()
                context.fireErrorCaught(RequestBodyTimedOut())
            }
        }
        context.fireChannelReadComplete()
    }

    func channelInactive(context: ChannelHandlerContext) {
        stop()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        stop()
    }

    private func stop() {
        deadline = nil
        timer?.cancel()
        timer = nil
    }

    /// `POST …/run`: its body is read part by part as it arrives, however long it takes
    /// within its own pace.
    static func streamsItsBody(_ head: HTTPRequest) -> Bool {
        guard head.method == .post, let path = head.path else { return false }
        return RunPath.matches(path)
    }
}
