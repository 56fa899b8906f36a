import Foundation

/// A column header split into its name and the unit written with it, in the
/// spellings cyclers and analysers export: `time_s` (cyclerd), `<I>/mA` and
/// `Q charge/discharge/mA.h` (EC-Lab), `Current(mA)` (Neware, Arbin),
/// `Test (Sec)` (Maccor), `Frequency [Hz]`.
///
/// The unit is kept as written; `ColumnUnit` decides what it means, since
/// `C` in `Temperature(C)` is °C and anywhere else is ambiguous.
struct ColumnLabel: Equatable {
    var name: String
    var unit: String?

    init(name: String, unit: String?) {
        self.name = name
        self.unit = unit
    }

    /// Reads `text`: a trailing bracketed unit first, then the first `_` or
    /// `/` from the left whose remainder is a unit (so `conductivity_mS/cm` is
    /// conductivity in mS/cm and `Q charge/discharge/mA.h` is in mA·h).
    init(_ text: some StringProtocol) {
        let text = String(text).trimmingCharacters(in: " \"'\t\r")
        for (open, close) in [("(", ")"), ("[", "]")] where text.hasSuffix(close) {
            if let o = text.lastIndex(of: Character(open)) {
                let inside = String(text[text.index(after: o)..<text.index(before: text.endIndex)])
                if ColumnUnit.isUnit(inside) {
                    self.init(name: text[..<o].trimmingCharacters(in: " "), unit: inside.trimmingCharacters(in: " "))
                    return
                }
            }
        }
        for split in text.indices where text[split] == "_" || text[split] == "/" {
            let unit = String(text[text.index(after: split)...])
            if ColumnUnit.isUnit(unit) {
                self.init(name: String(text[..<split]), unit: unit)
                return
            }
        }
        self.init(name: text, unit: nil)
    }

    /// The name compared against known names: lower case, without spaces,
    /// underscores or dots (`Cycle_Index`, `cycle index` and `Cycle Index` agree).
    var key: String {
        name.lowercased().filter { $0 != " " && $0 != "_" && $0 != "." }
    }
}

extension String {
    /// The text without leading and trailing characters in `set`.
    func trimmingCharacters(in set: String) -> String {
        self[...].trimmingCharacters(in: set)
    }
}
