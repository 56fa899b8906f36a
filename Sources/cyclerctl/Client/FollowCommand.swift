import API
import ArgumentParser
import Foundation
import ProtocolEngine

/// `cyclerctl follow CHANNEL`: a channel's log as it happens, with progress
/// bars for the step and the job.
struct FollowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "follow",
        abstract: "Follow a channel live: its events as lines, and a status line with the step's and the job's progress.",
        discussion: """
        Reads the channel's log from the daemon every half second, from --after SEQ (the last seq you saw) \\
        or from now. Ends when the running job ends; Ctrl-C leaves at any time (the job goes on).

        Examples:
          cyclerctl follow nmc811-gcpl
          cyclerctl follow li-ccd --after 120 --host http://127.0.0.1:8470 --token "$CYCLERD_TOKEN"
        """
    )

    @Argument(help: "The channel's name.")
    var channel: String

    @Option(help: "Start after this sequence number (default: the newest).")
    var after: Int64?

    @OptionGroup var daemon: DaemonOptions

    func run() async throws {
        try await ClientCommand.perform {
            let client = try daemon.client()
            let state = try await client.get("/v1/channels/\(channel)", as: ChannelView.self)
            var progress = FollowProgress(plan: try await plan(client, job: state.runningJob))
            var cursor = after ?? state.lastSeq
            print("following \(channel) from seq \(cursor) (\(state.status))")
            while true {
                let documents = try await client.get("/v1/channels/\(channel)/log?after=\(cursor)&limit=5000", as: [LogDocument].self)
                for document in documents {
                    if let line = progress.take(document) { progress.line.print(line) }
                    if document.kind == "jobStarted" { progress = FollowProgress(plan: try await plan(client, job: document.job)) }
                    if document.kind == "jobEnded" {
                        progress.line.print("job \(document.job.map(String.init) ?? "?") ended (seq \(document.lastSeq))")
                        return
                    }
                    cursor = document.lastSeq
                }
                progress.draw()
                try await Task.sleep(for: .milliseconds(500))
            }
        }
    }

    /// The job's plan from its stored protocol text (an empty plan when it cannot be read).
    private func plan(_ client: DaemonClient, job: Int64?) async throws -> JobPlan {
        guard let job else { return JobPlan() }
        let record = try await client.get("/v1/jobs/\(job)", as: JobView.self)
        guard let text = record.protocolText else { return JobPlan() }
        return JobPlan(protocolText: text, file: record.protocolFile)
    }
}

/// The follow view's state: where the job is, drawn as one status line.
struct FollowProgress {
    let plan: JobPlan
    let line = ProgressLine()
    var stepLine: Int?
    var stepName = ""
    var stepTime = 0.0
    var cycle = 0
    var voltage: Double?
    var current: Double?
    var time = 0.0

    init(plan: JobPlan) {
        self.plan = plan
    }

    /// Takes a document in; returns a line to print for an event worth one.
    mutating func take(_ document: LogDocument) -> String? {
        if let samples = document.samples, let last = samples.seq.indices.last {
            stepTime = samples.stepTime_s[last]
            cycle = samples.cycle[last]
            voltage = samples.voltage_V[last]
            current = samples.current_A[last]
            time = samples.time_s[last]
            return nil
        }
        if document.kind == "estimate" { return nil }
        if document.kind == "stepStarted", case .object(let body)? = document.body, case .object(let kind)? = body["kind"],
           case .object(let started)? = kind["stepStarted"], case .object(let step)? = started["step"] {
            if case .number(let line)? = step["line"] { stepLine = Int(line) }
            if case .string(let summary)? = step["summary"] { stepName = summary }
        }
        return String(format: "[%8.3f h] seq %lld %@", document.time / 3600, document.seq, document.kind)
            + (document.kind == "stepStarted" ? " \(stepName)" : "")
    }

    /// `cycle 3 of 50 [####------] 30 %  step 12 cc [######----] 61 %  3.8124 V  0.512 mA`
    func draw() {
        var parts: [String] = []
        if let cycles = plan.cycles, cycles > 0 {
            // Cycle 0 is what comes before the first (an opening rest or formation).
            parts.append((cycle == 0 ? "before cycle 1 of \(cycles) " : "cycle \(cycle) of \(cycles) ")
                         + Self.bar(Double(max(cycle - 1, 0)) / Double(cycles)))
        } else {
            parts.append("cycle \(cycle)")
        }
        if let line = stepLine, let limit = plan.timeLimits[line], limit > 0 {
            parts.append("step \(stepName) " + Self.bar(stepTime / limit) + String(format: " %.2f h left", max(limit - stepTime, 0) / 3600))
        } else {
            parts.append("step \(stepName) " + String(format: "%.2f h in", stepTime / 3600))
        }
        if let voltage, let current { parts.append(String(format: "%.4f V %.4f mA", voltage, current * 1e3)) }
        line.status(parts.joined(separator: "  "))
    }

    static func bar(_ fraction: Double, width: Int = 10) -> String {
        let filled = Int((min(max(fraction, 0), 1) * Double(width)).rounded())
        return "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled) + "]" + String(format: " %3.0f %%", min(max(fraction, 0), 1) * 100)
    }
}
