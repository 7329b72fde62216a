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
/// One timer on the connection's event loop per request, cancelled when the body ends:
/// the handler reads the body in its own task, with no task and no lock of its own per
/// request.
final class BodyDeadlineHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart

    private let timeout: TimeAmount
    private var pending: Scheduled<Void>?

    init(timeout: TimeAmount) {
        self.timeout = timeout
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            cancel()
            if !Self.streamsItsBody(head) {
                pending = context.eventLoop.assumeIsolated().scheduleTask(in: timeout) { [weak self] in
                    self?.pending = nil
                    context.fireErrorCaught(RequestBodyTimedOut())
                }
            }
        case .end:
            cancel()
        case .body:
            break
        }
        context.fireChannelRead(data)
    }

    func channelInactive(context: ChannelHandlerContext) {
        cancel()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        cancel()
    }

    private func cancel() {
        pending?.cancel()
        pending = nil
    }

    /// `POST …/run`: its body is read part by part as it arrives, however long it takes
    /// within its own pace.
    static func streamsItsBody(_ head: HTTPRequest) -> Bool {
        guard head.method == .post, let path = head.path else { return false }
        let end = path.firstIndex(of: "?") ?? path.endIndex
        return path[..<end].hasSuffix("/run")
    }
}
