/// A way for a simulated instrument's wire to misbehave, so each failure a
/// driver must survive can be provoked on demand in an end-to-end test.
public enum SCPIWireFault: Sendable, Hashable {
    /// Behave.
    case none
    /// Read commands but never answer a query (a hung instrument).
    case silent
    /// Answer every query with bytes that are not SCPI (a baud mismatch, noise).
    case garbage
    /// Send the first half of each reply and then nothing more.
    case truncated
}
