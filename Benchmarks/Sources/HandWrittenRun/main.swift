// handwritten-run: the reference `statute run` is measured against. The same job
// on the same JSON Lines — read each line, evaluate `policies/certification.yaml`, write one
// result line — as a Swift programmer would write it for this one policy, with no
// interpreter: Foundation's `JSONDecoder` in, the policy as switch statements
// (`HandWrittenCertification`), the answer JSON written by hand into one byte buffer.
//
//   handwritten-run --today YYYY-MM-DD [--notice-days N] [FILE|-]
//
// Its output has `statute run`'s shape (`{"id", "status", "previous", "outcome", "steps",
// "effects", "set", "next", "reason"?}`) for the records it handles: every record of
// Benchmarks/impact/generate.py. Lines it cannot read become `{"id":null,"line":N,
// "error":...}` with its own message. Benchmarks/run/ratios.sh compares the two outputs.
import BenchmarkSupport
import Foundation
import Statute
#if canImport(Glibc)
import Glibc
#endif

var arguments = Array(CommandLine.arguments.dropFirst())
var today: CalendarDate?
var noticeDays = 0
var path: String?
while !arguments.isEmpty {
    let argument = arguments.removeFirst()
    switch argument {
    case "--today": today = arguments.isEmpty ? nil : CalendarDate(iso: arguments.removeFirst())
    case "--notice-days": noticeDays = arguments.isEmpty ? -1 : Int(arguments.removeFirst()) ?? -1
    default: path = argument
    }
}
guard let today, noticeDays >= 0 else {
    FileHandle.standardError.write(Data("usage: handwritten-run --today YYYY-MM-DD [--notice-days N] [FILE|-]\n".utf8))
    exit(2)
}
let descriptor: Int32 = path == nil || path == "-" ? 0 : open(path!, O_RDONLY)
guard descriptor >= 0 else {
    FileHandle.standardError.write(Data("cannot read \(path!)\n".utf8))
    exit(2)
}

/// Reads, answers and writes every line; the exit status is 1 when a line was refused.
func runPipeline(today: CalendarDate, noticeDays: Int, descriptor: Int32) -> Never {
    var pipeline = HandWrittenPipeline(today: today, noticeDays: noticeDays)
    var chunk = [UInt8](repeating: 0, count: 256 * 1024)
    var pending: [UInt8] = []
    var output: [UInt8] = []
    output.reserveCapacity(128 * 1024)
    var lineNumber = 0

    func flush() {
        var start = 0
        while start < output.count {
            let written = output.withUnsafeBytes { write(1, $0.baseAddress! + start, $0.count - start) }
            if written < 0 {
                if errno == EINTR { continue }
                FileHandle.standardError.write(Data("cannot write the output\n".utf8))
                exit(2)
            }
            start += written
        }
        output.removeAll(keepingCapacity: true)
    }

    func handle<C: Collection>(_ line: C) where C.Element == UInt8 {
        lineNumber += 1
        var bytes = Data(line)
        if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
        if bytes.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) { return }
        pipeline.answer(bytes, line: lineNumber, into: &output)
        if output.count >= 64 * 1024 { flush() }
    }

    while true {
        let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, $0.count) }
        if count < 0, errno == EINTR { continue }
        if count <= 0 { break }
        var start = 0
        for index in 0..<count where chunk[index] == UInt8(ascii: "\n") {
            if pending.isEmpty {
                handle(chunk[start..<index])
            } else {
                pending += chunk[start..<index]
                handle(pending)
                pending.removeAll(keepingCapacity: true)
            }
            start = index + 1
        }
        pending += chunk[start..<count]
    }
    if !pending.isEmpty { handle(pending) }
    flush()
    FileHandle.standardError.write(Data("\(pipeline.records) records, \(pipeline.errors) errors\n".utf8))
    exit(pipeline.errors > 0 ? 1 : 0)
}

runPipeline(today: today, noticeDays: noticeDays, descriptor: descriptor)
