import CyclerConfiguration
import Foundation
import Instruments
import Logging
import ProtocolEngine
import Storage
import Synchronization

/// One channel of the daemon: its instruments and its queue of jobs, run one
/// at a time, each recorded into the channel's journal.
///
/// At start the channel resumes a job the store says was running (after a
/// crash or a restart) from its last checkpoint, by the executor's resume
/// rule; the gap is an event. A lost instrument pauses the job; the channel
/// reconnects with backoff and resumes it. An alarm pauses it for an
/// operator. A graceful stop pauses the running job with every output safe
/// and leaves it marked running, so the next start resumes it.
public final class Channel: Sendable {
    public let name: String
    public let spec: DaemonConfiguration.Channel
    let configuration: DaemonConfiguration
    let store: Store
    let journal: ChannelJournal
    let logger: Logger
    let state = Mutex(State())

    struct State {
        var control: JobControl?
        /// The job the executor is running now.
        var runningJob: Int64?
        /// What the connected instruments can do (nil until they are connected).
        var capabilities: ChannelCapabilities?
        /// Who asked for the paused job to run again, and why: the resumed job's event says so.
        var resumeRequest: (by: String, reason: String)?
        var stopping = false
        var status = "starting"
        /// Set while the database cannot be written: no job starts or resumes.
        var storageFault: String?
        /// The last reason the channel could not run, for operators and tests.
        var lastFault: String?
        /// Times an instrument could not be reached or was lost.
        var instrumentErrors = 0
    }

    /// Who a pause for a graceful stop is posted by; such a pause keeps the job running.
    static let daemon = "cyclerd"

    public init(spec: DaemonConfiguration.Channel, configuration: DaemonConfiguration, store: Store, journal: ChannelJournal,
                logger: Logger) {
        self.name = spec.name
        self.spec = spec
        self.configuration = configuration
        self.store = store
        self.journal = journal
        var logger = logger
        logger[metadataKey: "channel"] = "\(spec.name)"
        self.logger = logger
    }

    /// What the channel is doing, in a few words (for logs and the service manager).
    public var status: String { state.withLock { $0.status } }

    private func set(status: String) {
        state.withLock { state in
            state.status = status
            if status.hasPrefix("fault: ") { state.lastFault = String(status.dropFirst(7)) }
        }
    }

    /// The last reason the channel could not run (an instrument it could not reach, a database it could not write).
    public var lastFault: String? { state.withLock { $0.lastFault } }

    func setStatus(_ status: String) { set(status: status) }

    /// Times an instrument could not be reached or was lost since the daemon started.
    public var instrumentErrorCount: Int { state.withLock { $0.instrumentErrors } }

    func countInstrumentError() {
        state.withLock { $0.instrumentErrors += 1 }
    }

    /// Samples of this channel stored since the daemon started.
    public var samplesWritten: Int { journal.samplesWritten }

    func setControl(_ control: JobControl?, job: Int64?) {
        let stopNow = state.withLock { state -> Bool in
            state.control = control
            state.runningJob = job
            return state.stopping
        }
        if stopNow { control?.pause(by: Self.daemon, reason: "the daemon is stopping") }
    }

    var isStoppingNow: Bool { isStopping }

    /// Pauses the running job with its outputs safe because its data can no
    /// longer be stored; what it recorded stays in the journal until the
    /// database can be written again. The job waits for an operator.
    public func pauseForStorage(_ reason: String) {
        let control = state.withLock { state -> JobControl? in
            state.status = "fault: \(reason)"
            state.storageFault = reason
            return state.control
        }
        control?.pause(by: "storage", reason: reason)
    }

    /// The database can be written again: jobs paused for it resume (the store still has them running).
    public func storageRecovered() {
        state.withLock { $0.storageFault = nil }
    }

    /// Asks the running job to pause with its outputs safe, and the channel to stop after it.
    public func stop() {
        let control = state.withLock { state -> JobControl? in
            state.stopping = true
            return state.control
        }
        control?.pause(by: Self.daemon, reason: "the daemon is stopping")
    }

    private var isStopping: Bool { state.withLock { $0.stopping } }

    /// Runs jobs until `stop()`.
    public func run() async {
        guard let instruments = await connectWithBackoff() else {
            set(status: "stopped")
            return
        }
        do {
            try submitBootProtocolIfIdle()
        } catch {
            logger.error("\(error)")
        }
        while !isStopping {
            if let fault = state.withLock({ $0.storageFault }) {
                set(status: "fault: \(fault)")
                try? await Task.sleep(for: .seconds(1))
                continue
            }
            do {
                guard let job = try nextJob() else {
                    set(status: "idle")
                    try? await Task.sleep(for: .seconds(1))
                    continue
                }
                await run(job, on: instruments)
                // A run that could not even start (its state could not be stored) must not spin.
                await Task.yield()
            } catch {
                logger.error("\(error)")
                set(status: "fault: \(error)")
                try? await Task.sleep(for: .seconds(5))
            }
        }
        await instruments.close()
        set(status: "stopped")
    }

    /// The instruments, retrying every few seconds (doubling to a minute) while one cannot be reached.
    private func connectWithBackoff() async -> ChannelInstruments? {
        var delay = Duration.seconds(2)
        while !isStopping {
            do {
                let cell = try CellDescription.load(contentsOf: spec.cell)
                var instruments = try await ChannelConnector.connect(spec, in: configuration, cell: cell)
                instruments.potentiostat = StorePacedPotentiostat(inner: instruments.potentiostat, journal: journal)
                let capabilities = instruments.capabilities
                state.withLock { $0.capabilities = capabilities }
                logger.info("instruments connected")
                return instruments
            } catch {
                countInstrumentError()
                set(status: "fault: \(error)")
                logger.error("cannot start: \(error); retrying in \(delay)")
                await sleepUnlessStopped(for: delay)
                delay = min(delay * 2, .seconds(60))
            }
        }
        return nil
    }

    /// Waits `duration`, a second at a time, so that a stop ends the wait within a second.
    private func sleepUnlessStopped(for duration: Duration) async {
        let end = ContinuousClock.now + duration
        while !isStopping, ContinuousClock.now < end {
            try? await Task.sleep(for: min(.seconds(1), ContinuousClock.now.duration(to: end)))
        }
    }

    /// Queues the configured protocols when the channel has never run a job,
    /// each checked as an operator's submission would be.
    private func submitBootProtocolIfIdle() throws {
        guard try store.jobs(channel: name).isEmpty else { return }
        for protocolFile in spec.bootProtocols {
            let text: String
            do {
                text = try String(contentsOfFile: protocolFile, encoding: .utf8)
            } catch {
                throw SchedulerError(channel: name, message: "cannot read the protocol \(protocolFile) (\(spec.location)): \(error.localizedDescription)")
            }
            _ = try submit(JobDraft(protocolText: text, protocolFile: protocolFile), by: Self.daemon)
        }
    }

    /// The job to run now: one that was running (resumed), else the oldest queued.
    /// A job paused for an operator holds the channel.
    private func nextJob() throws -> JobRecord? {
        let jobs = try store.jobs(channel: name)
        if let running = jobs.first(where: { $0.state == .running }) { return running }
        if jobs.contains(where: { $0.state == .paused }) { return nil }
        return jobs.first { $0.state == .queued }
    }
}
