#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads the next bytes of `stream` after the `filled` ones (setting `eof` at the end) and
/// reports progress in steps of at least 1%. Shared by the streaming readers.
package func refill(_ buffer: UnsafeMutablePointer<UInt8>, capacity: Int, filled: inout Int, eof: inout Bool,
                    from stream: ByteStream, lastProgress: inout Double, progress: ((Double) -> Void)?) throws {
    guard !eof else { return }
    let n = try stream.read(into: UnsafeMutableBufferPointer(start: buffer + filled, count: capacity - filled))
    if n == 0 { eof = true } else { filled += n }
    if let progress {
        let f = stream.fractionRead
        if f - lastProgress >= 0.01 { lastProgress = f; progress(f) }
    }
}

/// After a parse pass over `buffer[0..<filled]` that consumed the first `consumed` bytes: moves
/// the unconsumed rest to the front; when nothing was consumed and the buffer is full (one record
/// longer than the buffer), doubles the buffer instead. Shared by the streaming readers.
package func compactOrGrow(_ buffer: inout UnsafeMutablePointer<UInt8>, capacity: inout Int, filled: inout Int, consumed: Int) {
    if consumed > 0 {
        if consumed < filled { memmove(buffer, buffer + consumed, filled - consumed) }
        filled -= consumed
    } else if filled == capacity {
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
        bigger.update(from: buffer, count: filled)
        buffer.deallocate()
        buffer = bigger
        capacity *= 2
    }
}
