/// Receives what a job records and reports.
///
/// Called synchronously on the job's task, after the safety checks of the
/// sample: an observer must not block (buffer, then write in batches).
public protocol JobObserver: AnyObject {
    func record(_ sample: RecordedSample)
    func handle(_ event: JobEvent)
    /// The job's position, covering every sample recorded before it: a store
    /// writes it with those samples, so a resume neither repeats nor skips any.
    func checkpoint(_ checkpoint: ExecutorCheckpoint)
}
