/// The channel seqs a writer round gave each job's samples, first and last:
/// what the job table keeps so that a job's samples are read by the
/// channel's primary key (`JobSampleSpan`). A channel runs one job at a time,
/// so a round's samples hold one job after another, each once.
struct JobSeqSpans {
    struct Span {
        var job: Int64
        var first, last: Int64
    }

    private(set) var spans: [Span] = []

    mutating func add(job: Int64, seq: Int64) {
        if spans.last?.job == job {
            spans[spans.count - 1].last = seq
        } else {
            spans.append(Span(job: job, first: seq, last: seq))
        }
    }
}
