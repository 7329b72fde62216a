import ArgumentParser
import Foundation
import Statute

/// `statute run --policy FILE [--today D] [--settings FILE] [--jobs N] [INPUT|-] [--changed-only]`
/// (docs/cli.md).
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Evaluate JSON Lines records, one result line per record, in input order.",
        discussion: """
            Each input line is one strict JSON object {"id", "status", "facts", and "event" \
            or "set" + "as" (+ "transition")}. Each output line is the result as \
            `eval --format json` gives it, after "id"; a line that cannot be read or evaluated \
            becomes {"id", "line", "error": {"code", "message"}} in its place. Blank lines are \
            skipped (but counted in line numbers). Output is written in whole lines, and the \
            answers to the lines read so far are written before more input is awaited, so a \
            program can keep one `statute run` open and talk to it line by line. A summary goes \
            to stderr. Exit status 1 when any line was in error; 2 when the policy, settings \
            or input cannot be used, or the output cannot be written.
            """
    )

    @OptionGroup var common: PolicyOptions

    @Option(help: ArgumentHelp("Evaluate on this many threads (default: the number of cores); output stays in input order.",
                               valueName: "n"))
    var jobs: Int?

    @Argument(help: "The JSON Lines input; `-` or none reads stdin.")
    var input: String?

    @Flag(help: "Write only changed results and error lines.")
    var changedOnly = false

    func validate() throws {
        if let jobs, !(1...256).contains(jobs) {
            throw ValidationError("--jobs must be between 1 and 256, got \(jobs)")
        }
    }

    func run() throws {
        let date = try common.date()
        let workers = jobs ?? ProcessInfo.processInfo.activeProcessorCount
        // One compiled policy per job (the same bytes compiled again), so that threads do
        // not share the policy's objects (see RecordBatches).
        let threads = WorkerThreads.forJobs(workers)
        let policies = try Inputs.loadPolicies(common.policy, count: min(workers, WorkerThreads.cores, 8), threads: threads)
        let engine = try Inputs.makeEngine(policies[0], settingsFile: common.settings, settings: common.settingValues)
        var readers = [RecordLines(engine: engine, today: date)]
        let settings = Dictionary(zip(policies[0].settings.map(\.name.value), engine.settingValues), uniquingKeysWith: { a, _ in a })
        for policy in policies.dropFirst() {
            guard let copy = try? Engine(policy: policy, settings: settings) else { break }
            readers.append(RecordLines(engine: copy, today: date))
        }
        let source: InputSource
        do {
            source = try InputSource(path: input)
        } catch {
            throw CLIError.couldNotWork(error.description)
        }
        defer { source.close() }

        let batches = RecordBatches(readers: readers, jobs: workers, threads: threads)
        var splitter = readers[0].makeSplitter()
        var summary = RunSummary()
        var lines: [LineSplitter.Line] = []
        // Progress on a terminal, for a file being worked through (not for a conversation
        // over a pipe or at the keyboard, where every answer is on screen anyway).
        let progress = Progress("evaluating", total: nil, enabled: isatty(STDERR_FILENO) == 1 && source.isRegularFile)

        func write(_ batch: [RecordBatches.Answers]) {
            for answers in batch {
                for kind in answers.kinds { summary.count(kind) }
                do { try Terminal.output.write(bytes: answers.bytes) } catch { Terminal.fail(error.description) }
            }
            // Answers go out before the next read waits: what makes `run` a co-process.
            Terminal.flush()
            progress.update(summary.records, "records")
        }
        // A regular file's batches are queued for the threads. The calling thread reads
        // the next batch meanwhile, queues it, and only then joins the threads on the
        // older one (taking pieces of the newer one while the last piece of the older is
        // finished elsewhere), so no thread waits at the end of a batch; at most two
        // batches are held (flat memory). A pipe's lines are answered before the next
        // read, which may wait.
        var inFlight: [RecordBatches.Pending] = []
        func answer(_ lines: [LineSplitter.Line]) {
            guard source.isRegularFile else {
                write(batches.evaluate(lines, changedOnly: changedOnly))
                return
            }
            inFlight.append(batches.begin(lines, changedOnly: changedOnly))
            while let oldest = inFlight.first, inFlight.count > 1 || oldest.isFinished {
                inFlight.removeFirst()
                write(oldest.end())
            }
        }
        var pendingBytes = 0
        func collect(_ line: LineSplitter.Line) {
            if case .text(let bytes, _) = line {
                if RecordLines.isBlank(bytes) { return }
                pendingBytes += bytes.count
            }
            lines.append(line)
        }
        // Every read's complete lines are answered before the next read waits for input:
        // what makes `run` usable as a co-process over a pipe. A regular file, which never
        // waits, is answered in larger batches (up to 512 KiB of lines, 4,096 lines), so
        // that the threads of `--jobs` meet less often: each batch ends when its slowest
        // piece does, and on a busy machine a thread woken for a short batch may arrive
        // after the calling thread has done the work alone.
        let batchLines = source.isRegularFile ? 4_096 : 1
        let batchBytes = source.isRegularFile ? 512 << 10 : 1
        while true {
            let chunk: ArraySlice<UInt8>
            do { chunk = try source.read() } catch { Terminal.fail("\(error)") }
            if chunk.isEmpty { break }
            splitter.feed(chunk, emit: collect)
            if !lines.isEmpty, lines.count >= batchLines || pendingBytes >= batchBytes {
                answer(lines)
                lines.removeAll(keepingCapacity: true)
                pendingBytes = 0
            }
        }
        splitter.finish(emit: collect)
        if !lines.isEmpty { answer(lines) }
        for pending in inFlight { write(pending.end()) }
        progress.finish()
        Terminal.error(summary.description)
        if summary.errors > 0 { throw ExitCode.answerIsNo }
    }
}
