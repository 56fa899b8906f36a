import ArgumentParser
import Electrochemistry
import Instruments

/// The options a Modbus device needs beyond its address: which register map
/// describes it, and for a force cell the area the force acts on.
struct RegisterMapOptions: ParsableArguments {
    @Option(help: "Register map: a shipped one (laumas, flintec, eurotherm, jumo) or a map file. Modbus addresses only.")
    var map: String?

    @Option(help: "Cell area a force cell's force acts on, e.g. 0.785cm2 (converts force to stack pressure).")
    var area: String?

    /// The map and the area in m², as the connector takes them.
    func choice() throws -> RegisterMapChoice {
        RegisterMapChoice(map: map, area: try optionalQuantity(area, option: "area", expecting: .area)?.value)
    }
}
