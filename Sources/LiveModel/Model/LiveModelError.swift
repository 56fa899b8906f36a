/// Why a live model cannot be built or fed, said so a user can fix it.
public enum LiveModelError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The OCV table is unusable; the text says how.
    case invalidOpenCircuitTable(String)
    /// The cell description lacks something the model needs.
    case missingCellProperty(field: String, reason: String)
    /// Learning an OCV curve from a run failed; the text says what the run lacked.
    case cannotLearnOpenCircuit(String)
    /// An input table (CSV) is malformed at a line.
    case malformedInput(file: String, line: Int, message: String)
    /// A spectrum file could not be used.
    case malformedSpectrum(file: String, message: String)
    /// The starting parameters do not fit the circuit.
    case invalidCircuitStart(String)

    public var description: String {
        switch self {
        case .invalidOpenCircuitTable(let why):
            "OCV table: \(why)"
        case .missingCellProperty(let field, let reason):
            "the cell file needs \"\(field)\": \(reason)"
        case .cannotLearnOpenCircuit(let why):
            "cannot learn an OCV curve: \(why)"
        case .malformedInput(let file, let line, let message):
            line > 0 ? "\(file):\(line): \(message)" : "\(file): \(message)"
        case .malformedSpectrum(let file, let message):
            "\(file): \(message)"
        case .invalidCircuitStart(let why):
            "circuit start: \(why)"
        }
    }
}
