#if canImport(Glibc)
import Glibc
#endif

/// The errno text for error messages a lab engineer reads in the journal.
func errnoDescription(_ code: Int32) -> String {
    "\(String(cString: strerror(code))) (errno \(code))"
}

/// Runs `call` until it stops failing with EINTR (swift-nio's syscall helper habit).
@discardableResult
func retryingInterrupts(_ call: () -> Int) -> (result: Int, errno: Int32) {
    while true {
        let result = call()
        if result >= 0 { return (result, 0) }
        let code = errno
        if code != EINTR { return (result, code) }
    }
}

/// Milliseconds left until `deadline`, clamped for `poll(2)`; 0 once it has passed.
func pollMilliseconds(until deadline: ContinuousClock.Instant) -> Int32 {
    let remaining = ContinuousClock.now.duration(to: deadline)
    if remaining <= .zero { return 0 }
    let (seconds, attoseconds) = remaining.components
    let milliseconds = seconds * 1000 + attoseconds / 1_000_000_000_000_000 + 1
    return Int32(clamping: milliseconds)
}
