import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// Answers `Expect: 100-continue` with `100 Continue` as soon as the request's head has
/// arrived, so a client that asks before sending its body sends it at once. Clients ask
/// for large bodies — curl for any over 1 MiB, which a `run` request often is — and a
/// server that does not answer costs them their wait (a second for curl) on every request.
/// Hummingbird does not answer it, so this handler sits in the HTTP/1 pipeline after the
/// request heads are decoded. Any other expectation is passed on untouched.
final class ContinueHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundOut = HTTPResponsePart

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .head(var head) = unwrapInboundIn(data),
              let expectation = head.headerFields[.expect],
              expectation.lowercased() == "100-continue" else {
            context.fireChannelRead(data)
            return
        }
        head.headerFields[.expect] = nil
        context.writeAndFlush(wrapOutboundOut(.head(HTTPResponse(status: .continue))), promise: nil)
        context.fireChannelRead(wrapInboundOut(.head(head)))
    }
}
