import Foundation
import Hummingbird
import Logging
import NIOCore
import NIOHTTPTypes

/// Deadlines for reading a request, so that a slow client (slowloris) cannot hold a connection.
///
/// - The **head** (request line and headers) must be complete within `headerTimeout` of the
///   connection opening, or, on a kept-alive connection, of the first byte of the next request.
/// - The **body** must be complete within `bodyTimeout` of the end of the head.
///
/// Past either deadline the connection is closed, after a 408 with a JSON error body when one can
/// be sent: not to a connection that sent nothing (a browser's unused preconnection), and not
/// when the request was already answered or an answer has begun (an early 413, say). A body that
/// times out also fails the responder's read of it with the same 408 ``APIError``, so the access
/// log shows 408. A silent kept-alive connection is the idle timeout's business (`--idle-timeout`).
///
/// Why: Hummingbird's idle timeout watches HTTP parts, not bytes. Header bytes trickled one at a
/// time produce no part, so that timeout closes such a client, but only after the whole idle
/// timeout; a body trickled one byte at a time produces a part per byte and kept a connection
/// open for good (measured on Hummingbird 2.28: still open after 15 s with `--idle-timeout 3`).
///
/// One handler per connection, after the HTTP decoder (it sees request and response parts); it
/// puts a small byte watcher at the front of the pipeline to learn when a request begins. The
/// deadlines run on the connection's event loop, so a busy responder does not delay them.
final class RequestReadTimeoutHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    /// Where the connection is in its current request.
    enum Phase {
        /// Waiting for a complete head (timed).
        case head
        /// Head read, body not complete (timed).
        case body
        /// Request read; the server is answering (not timed: computing an analysis can take long).
        case answering
        /// Kept alive, no byte of a next request yet (the idle timeout applies).
        case idle
    }

    private let headerTimeout: TimeAmount
    private let bodyTimeout: TimeAmount
    private let logger: Logger
    private var phase = Phase.head
    /// Requests whose head was read and whose response has not ended.
    private var unanswered = 0
    /// A response head was written and its end not yet.
    private var responding = false
    /// Bytes arrived since the last head or end of a request (the start of a next request).
    private var bytesSinceHead = false
    private var timer: Scheduled<Void>?
    private var context: ChannelHandlerContext?

    init(headerTimeout: TimeAmount, bodyTimeout: TimeAmount, logger: Logger) {
        self.headerTimeout = headerTimeout
        self.bodyTimeout = bodyTimeout
        self.logger = logger
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        try? context.pipeline.syncOperations.addHandler(ByteWatch(owner: self), position: .first)
        if context.channel.isActive { schedule(headerTimeout) }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        cancelTimer()
        self.context = nil
    }

    func channelActive(context: ChannelHandlerContext) {
        if phase == .head { schedule(headerTimeout) }
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        cancelTimer()
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let part = unwrapInboundIn(data)
        switch (part, phase) {
        case (.head, _):
            cancelTimer()
            unanswered += 1
            phase = .body
        case (.end, .body):
            cancelTimer()
            phase = unanswered == 0 ? .idle : .answering   // (0: answered before the body was read)
        case (.end, _), (.body, _):
            break
        }
        if case .body = part {} else { bytesSinceHead = false }
        context.fireChannelRead(data)
    }

    /// Timers start here, after every part of a read was seen: a GET's head and end arrive in one
    /// read and need no body timer.
    func channelReadComplete(context: ChannelHandlerContext) {
        if timer == nil {
            switch phase {
            case .body: schedule(bodyTimeout)
            case .idle where bytesSinceHead: phase = .head; schedule(headerTimeout)
            default: break
            }
        }
        context.fireChannelReadComplete()
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head: responding = true
        case .body: break
        case .end:
            responding = false
            unanswered = max(0, unanswered - 1)
            if unanswered == 0, phase == .answering {
                phase = .idle
                if bytesSinceHead { phase = .head; schedule(headerTimeout) }   // a next request began meanwhile
            }
        }
        context.write(data, promise: promise)
    }

    /// Called by the byte watcher for every read from the socket.
    fileprivate func bytesArrived() { bytesSinceHead = true }

    private func schedule(_ delay: TimeAmount) {
        guard let context, timer == nil else { return }
        timer = context.eventLoop.assumeIsolatedUnsafeUnchecked().scheduleTask(in: delay) { [self] in
            self.timer = nil
            self.timeout()
        }
    }

    private func cancelTimer() {
        timer?.cancel()
        timer = nil
    }

    private func timeout() {
        guard let context, context.channel.isActive else { return }
        let part: String, seconds: TimeAmount, answer: Bool
        switch phase {
        case .head:
            // The head phase begins with every request answered: a 408 cannot interleave.
            (part, seconds, answer) = ("head", headerTimeout, bytesSinceHead)
        case .body:
            (part, seconds, answer) = ("body", bodyTimeout, unanswered == 1 && !responding)
        case .answering, .idle:
            return
        }
        let error = APIError(.requestTimeout, "the request \(part) did not arrive within \(String(format: "%g", Double(seconds.nanoseconds) / 1e9)) s")
        logger.info("closed a slow connection", metadata: [
            "reason": "\(error.message)", "remote": "\(context.channel.remoteAddress?.description ?? "?")",
        ])
        if phase == .body { context.fireErrorCaught(error) }   // the responder's body read fails with it
        if answer {
            let body = error.jsonBytes()
            var fields: HTTPFields = [.connection: "close", .contentType: "application/json; charset=utf-8", .contentLength: "\(body.count)"]
            fields.append(contentsOf: ServerSecurity.headers)
            context.write(wrapOutboundOut(.head(HTTPResponse(status: .requestTimeout, headerFields: fields))), promise: nil)
            context.write(wrapOutboundOut(.body(ByteBuffer(bytes: body))), promise: nil)
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        }
        context.close(promise: nil)
    }

    /// Sits at the front of the pipeline (raw bytes) and tells the handler that bytes arrived.
    private final class ByteWatch: ChannelInboundHandler, RemovableChannelHandler {
        typealias InboundIn = ByteBuffer
        typealias InboundOut = ByteBuffer
        let owner: RequestReadTimeoutHandler
        init(owner: RequestReadTimeoutHandler) { self.owner = owner }
        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            owner.bytesArrived()
            context.fireChannelRead(data)
        }
    }
}

@available(*, unavailable)
extension RequestReadTimeoutHandler: Sendable {}
