import Foundation
import Testing

@Suite("statute run: strict JSON, jobs, co-process")
struct CLIRunTests {
    static let policy = ["run", "--policy", "membership.yaml", "--today", "2026-03-01"]

    /// A mixed input of valid records, records in error and blank lines.
    static func records(_ count: Int) -> String {
        (0..<count).map { index in
            switch index % 7 {
            case 0: #"{"id": \#(index), "status": "pending", "facts": {"paid": true}, "event": "pay"}"#
            case 1: #"{"id": "r\#(index)", "status": "active", "facts": {"renewal_on": "2026-0\#(index % 9 + 1)-01"}}"#
            case 2: #"{"id": \#(index), "status": "active", "facts": {"renewal_on": "2026-02-30"}}"#
            case 3: ""
            case 4: #"{"id": \#(index), "facts": {}, "set": "pending", "as": "staff"}"#
            case 5: "not json"
            default: #"{"id": \#(index), "status": "pending"}"#
            }
        }.joined(separator: "\n") + "\n"
    }

    @Test func outputIsTheSameInInputOrderWithOneJobOrMany() throws {
        let input = Self.records(5_000)
        let one = try StatuteBinary.run(Self.policy + ["--jobs", "1"], input: input)
        let four = try StatuteBinary.run(Self.policy + ["--jobs", "4"], input: input)
        #expect(one.status == 1)
        #expect(four.status == 1)
        #expect(one.stdout == four.stdout)
        let lines = one.stdout.split(separator: "\n")
        #expect(lines.count == 5_000 - 5_000 / 7 - (5_000 % 7 > 3 ? 1 : 0))
        #expect(lines.first?.hasPrefix(#"{"id":0,"status":"active""#) == true)
        #expect(one.stderr == four.stderr)
    }

    /// YAML that the old reader let through, now each an `invalid-json` error line.
    @Test(arguments: ["{id: 1}", "{'id': 1}", #"{"id": 0x1F}"#, #"{"id": 1} # comment"#, #"{"id": 1,}"#])
    func yamlIsNotJSON(line: String) throws {
        let run = try StatuteBinary.run(Self.policy, input: line + "\n")
        #expect(run.status == 1)
        #expect(run.stdout.contains(#","line":1,"error":{"code":"invalid-json","message":"column "#))
    }

    @Test func jobsOutOfRangeIsAUsageError() throws {
        let run = try StatuteBinary.run(Self.policy + ["--jobs", "0"], input: "")
        #expect(run.status == 2)
        #expect(run.stderr.contains("--jobs must be between 1 and 256"))
    }

    @Test func aFullDiskIsExit2NeverASilentSuccess() throws {
        guard FileManager.default.isWritableFile(atPath: "/dev/full"), let url = StatuteBinary.url else { return }
        let process = Process()
        process.executableURL = url
        process.arguments = Self.policy + ["records.jsonl"]
        process.currentDirectoryURL = StatuteBinary.fixtures
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: "/dev/full"))
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 2)
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(message.contains("cannot write the output: No space left on device"))
    }

    /// A program that writes one line and waits for its answer before writing the next.
    @Test func answersEachLineBeforeReadingTheNext() throws {
        guard let url = StatuteBinary.url else { Issue.record("statute binary not found"); return }
        let process = Process()
        process.executableURL = url
        process.arguments = Self.policy
        process.currentDirectoryURL = StatuteBinary.fixtures
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        var pending: [UInt8] = []
        func readLine() -> String? {
            while true {
                if let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                    defer { pending.removeFirst(newline + 1) }
                    return String(decoding: pending[..<newline], as: UTF8.self)
                }
                let data = output.fileHandleForReading.availableData
                if data.isEmpty { return nil }
                pending += data
            }
        }
        for index in 0..<5 {
            let line = #"{"id": \#(index), "status": "pending", "facts": {"paid": true}, "event": "pay"}"# + "\n"
            input.fileHandleForWriting.write(Data(line.utf8))
            let answer = readLine()
            #expect(answer?.hasPrefix(#"{"id":\#(index),"status":"active""#) == true, "\(answer ?? "nothing")")
        }
        input.fileHandleForWriting.write(Data(#"{"id": "m", "status": null, "set": "pending", "as": "staff"}"#.utf8 + [0x0A]))
        let manual = readLine()
        #expect(manual?.hasPrefix(#"{"id":"m","status":"pending","previous":null,"outcome":"changed""#) == true, "\(manual ?? "nothing")")
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }
}
