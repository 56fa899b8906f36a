/// Parity of a serial line. Transport keeps its own type so that it does not
/// depend on how Instruments spells addresses.
public enum SerialParity: Sendable, Hashable {
    case none, even, odd
}
