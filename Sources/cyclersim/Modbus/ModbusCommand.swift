import ArgumentParser
import CellSimulator
import Electrochemistry
import Foundation
import InstrumentSimulators
import Instruments

/// `cyclersim modbus`: a simulated load-cell transmitter or temperature
/// controller on Modbus TCP (loopback) or RTU (a pseudo-terminal).
struct ModbusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "modbus",
        abstract: "Serve a Modbus register map from a simulated cell.",
        discussion: """
            The device's registers follow the map (laumas, flintec, eurotherm, jumo, or a map file) and \
            move with a simulated cell running in real time. The first line printed is the address to \
            give a driver. Stop with Ctrl-C.

            Examples:
              cyclersim modbus --tcp 127.0.0.1:1502 --map laumas
              cyclersim modbus --rtu --map eurotherm --preset li-lpscl-li
            Fails when the port is taken, the map does not load (the error names file:line:column), \
            or the preset is unknown.
            """
    )

    @Option(help: "Serve Modbus TCP on this loopback address (127.0.0.1:PORT or [::1]:PORT; port 0 picks one).")
    var tcp: String?

    @Flag(help: "Serve Modbus RTU on a new pseudo-terminal instead.")
    var rtu = false

    @Option(help: "Baud rate announced in the RTU address (a pty itself ignores it).")
    var baud = 19_200

    @Option(help: "Register map: laumas, flintec, eurotherm, jumo, or a YAML file.")
    var map: String

    @Option(help: "Cell preset behind the device (see `cyclerctl sim presets`).")
    var preset = "nmc811-lpscl-liin"

    @Option(help: "Unit id the device answers to.")
    var unit = 1

    @Option(help: "Area a force map's force acts on, e.g. \"1 cm2\" (default: the preset's cell area).")
    var area: String?

    func validate() throws {
        guard (tcp == nil) != !rtu else { throw ValidationError("give exactly one of --tcp HOST:PORT or --rtu") }
        guard (1...247).contains(unit) else { throw ValidationError("--unit must be from 1 to 247, got \(unit)") }
    }

    func run() async throws {
        guard let definition = CellPresets.named(preset) else {
            throw ValidationError("unknown preset \"\(preset)\"; see `cyclerctl sim presets`")
        }
        let map = try ModbusMapCatalog.load(self.map)
        let areaValue = try area.map { try Quantity.parse($0, expecting: .area, defaultUnit: "cm2").value }
        let bench = SimulatedBench(definition: definition, speed: .realTime)
        var wire = ModbusSlave.Wire.rtu(baudRate: baud)
        if let tcp {
            let (host, port) = try Self.loopbackHost(tcp)
            wire = .tcp(host: host, port: port)
        }
        let slave = try ModbusSlave(map: map, bench: bench, wire: wire, unit: unit, area: areaValue)
        FileHandle.standardOutput.write(Data("\(slave.address)\n".utf8))
        // Time passes for the cell as it does for the user: one sample a second at open circuit.
        try await bench.potentiostat.setSampleInterval(1)
        while !Task.isCancelled { _ = try await bench.potentiostat.nextSample() }
        await slave.stop()
    }

    /// Splits `HOST:PORT`, accepting loopback hosts only: simulators never listen beyond this machine.
    static func loopbackHost(_ text: String) throws -> (host: String, port: Int) {
        let host: String, portText: Substring
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            host = String(text[text.index(after: text.startIndex)..<close])
            portText = text[text.index(after: close)...].drop { $0 == ":" }
        } else if let colon = text.lastIndex(of: ":") {
            host = String(text[..<colon])
            portText = text[text.index(after: colon)...]
        } else {
            throw ValidationError("--tcp \(text): expected HOST:PORT such as 127.0.0.1:1502")
        }
        guard ["127.0.0.1", "::1", "localhost"].contains(host) else {
            throw ValidationError("--tcp \(text): simulators listen on loopback only; use 127.0.0.1 or [::1]")
        }
        guard let port = Int(portText), (0...65_535).contains(port) else {
            throw ValidationError("--tcp \(text): port must be a number from 0 to 65535")
        }
        return (host == "localhost" ? "127.0.0.1" : host, port)
    }
}
