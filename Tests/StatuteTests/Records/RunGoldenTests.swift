import Foundation
import StatuteTestSupport
import Testing
@testable import Statute

/// `statute run`'s record pipeline — split lines, skip blank ones, read each with the strict
/// JSON reader, evaluate it, write its answer as JSON — on 3,000 generated lines of every
/// kind, compared byte for byte with a golden file, so a change to the pipeline cannot
/// change an answer unnoticed. The CLI suite runs the built
/// `statute run` on the same input, with one job and with two, against the same file.
///
/// Re-record (only for an intended change of output) with `STATUTE_RECORD=1`.
@Suite("statute run: results byte-identical to the golden file")
struct RunGoldenTests {
    /// The generated input: `RunRecordsGenerator(seed: 9).lines(3_000)`.
    static let input: [UInt8] = {
        var generator = RunRecordsGenerator(seed: 9)
        return generator.lines(3_000)
    }()

    /// Every answer line, as `statute run --today 2026-03-01 --setting expiring_notice_days=30` writes it.
    /// With `tree`, each answer goes through ``RecordLines/evaluate(_:)`` and its JSON tree
    /// (the decision service's way); else through ``RecordLines/answer(_:to:)``, straight
    /// to bytes (`run`'s way).
    static func answers(to input: [UInt8], tree: Bool = false) throws -> [UInt8] {
        let engine = try Engine(policy: Policies.certification, settings: ["expiring_notice_days": .int(30)])
        let records = RecordLines(engine: engine, today: day("2026-03-01"))
        var splitter = records.makeSplitter()
        var output: [UInt8] = []
        func answer(_ line: LineSplitter.Line) {
            if case .text(let bytes, _) = line, RecordLines.isBlank(bytes) { return }
            if tree {
                records.evaluate(line).json.write(to: &output)
                output.append(UInt8(ascii: "\n"))
            } else {
                _ = records.answer(line, to: &output)
            }
        }
        // Fed in uneven chunks, as reads from a pipe arrive.
        var start = 0, size = 1
        while start < input.count {
            let end = min(input.count, start + size)
            splitter.feed(input[start..<end], emit: answer)
            start = end
            size = size * 3 % 65_521 + 1
        }
        splitter.finish(emit: answer)
        return output
    }

    @Test func theJSONTreeGivesTheSameBytes() throws {
        try RunGolden.expect(try Self.answers(to: Self.input, tree: true))
    }

    @Test func theGeneratedInputHasEveryKindOfLine() {
        let text = String(decoding: Self.input, as: UTF8.self)
        for needle in ["\r\n", "\n\n", #""event":"apply""#, #""set":"#, #""transition":"#, #"{"id":"long""#,
                       #""status":"active""#, #""status":"in_progress""#, #""expires_on""#, #""program":{"#] {
            #expect(text.contains(needle), "no line with \(needle.debugDescription)")
        }
    }

    @Test func answersAreByteIdenticalToTheGoldenFile() throws {
        let actual = try Self.answers(to: Self.input)
        try RunGolden.expect(actual)
        // The golden file holds every outcome and error code the generator aims at.
        let text = String(decoding: actual, as: UTF8.self)
        for needle in [#""outcome":"changed""#, #""outcome":"unchanged""#, #""outcome":"ignored""#, #""outcome":"rejected""#,
                       #""code":"invalid-json""#, #""code":"invalid-number""#, #""code":"duplicate-key""#,
                       #""code":"unknown-key""#, #""code":"wrong-type""#, #""code":"unknown-fact""#,
                       #""code":"invalid-date""#, #""code":"invalid-value""#, #""code":"duplicate-value""#,
                       #""code":"line-too-long""#, #""code":"invalid-input""#] {
            #expect(text.contains(needle), "no answer with \(needle)")
        }
    }
}

/// The golden file `Fixtures/run/certification.golden.jsonl`, compared as bytes.
enum RunGolden {
    static let url = Fixtures.url("run", "certification.golden.jsonl")

    static func expect(_ actual: [UInt8], sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        if GoldenFile.recording {
            GoldenFile.record(String(decoding: actual, as: UTF8.self), to: url, sourceLocation: sourceLocation)
            return
        }
        let expected = [UInt8](try Data(contentsOf: url))
        guard actual != expected else { return }
        let mine = actual.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        let golden = expected.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        let index = (0..<min(mine.count, golden.count)).first { mine[$0] != golden[$0] } ?? min(mine.count, golden.count)
        func show(_ lines: [ArraySlice<UInt8>]) -> String {
            index < lines.count ? String(decoding: lines[index], as: UTF8.self) : "(no line)"
        }
        Issue.record("""
            output differs from the golden file at answer \(index + 1) of \(golden.count):
              golden: \(show(golden))
              now:    \(show(mine))
            """, sourceLocation: sourceLocation)
    }
}
