import Foundation

/// The independent Modbus devices: `peers/modbus_peer.py` under pymodbus
/// 3.16.1, one server holding every shipped map's registers, each map at its
/// own unit id (see the script for the values).
struct ModbusPeer {
    let child: ChildProcess
    /// `modbus+tcp://127.0.0.1:PORT` or `modbus+rtu:/dev/pts/N?baud=19200`, without a unit.
    let base: String

    /// Unit ids of the shipped maps on the peer.
    static let units = ["laumas": 1, "flintec": 2, "eurotherm": 3, "jumo": 4]

    /// The address of one map's device.
    func address(_ map: String) -> String {
        base + (base.contains("?") ? "&" : "?") + "unit=\(Self.units[map] ?? 0)"
    }

    /// Physical values the peer serves, as the script documents them.
    enum Served {
        /// Laumas gross weight: 3059 counts of 0.1 kgf.
        static let laumasForce = 305.9 * 9.806_65
        static let flintecForce = 2450.5
        static let eurothermProcessValue = 273.15 + 25.3
        static let eurothermSetpoint = 273.15 + 25.0
        static let jumoProcessValue = 273.15 + 31.5
        static let jumoSetpoint = 273.15 + 30.0
    }

    static func tcp() async throws -> ModbusPeer {
        let child = try await start(["--tcp"])
        let port = child.startup.last?.split(separator: " ").last.map(String.init) ?? ""
        return ModbusPeer(child: child, base: "modbus+tcp://127.0.0.1:\(port)")
    }

    /// An RTU peer on one end of a socat pty pair; the driver opens the other.
    static func rtu(pair: SocatPair) async throws -> ModbusPeer {
        let child = try await start(["--rtu", pair.devicePath])
        return ModbusPeer(child: child, base: "modbus+rtu:\(pair.driverPath)?baud=19200")
    }

    private static func start(_ wire: [String]) async throws -> ChildProcess {
        try await ChildProcess.start(ModbusFixtures.python, [ModbusFixtures.peers + "/modbus_peer.py"] + wire) {
            $0.hasPrefix("ready ")
        }
    }

    func stop() { child.stop() }
}

/// Two linked pseudo-terminals from `socat -d -d pty,raw,echo=0 pty,raw,echo=0`:
/// what one end writes, the other reads, as over a null-modem cable.
struct SocatPair {
    let child: ChildProcess
    /// The end a simulated or peer device opens.
    let devicePath: String
    /// The end the driver opens.
    let driverPath: String

    static func open() async throws -> SocatPair {
        let child = try await ChildProcess.start("/usr/bin/socat", ["-d", "-d", "pty,raw,echo=0", "pty,raw,echo=0"],
                                                 fromStandardError: true, lines: 2) { $0.contains("PTY is ") }
        let paths = child.startup.filter { $0.contains("PTY is ") }.compactMap { $0.components(separatedBy: "PTY is ").last }
        guard paths.count == 2 else { throw ChildProcess.Failure(description: "socat printed \(child.startup)") }
        return SocatPair(child: child, devicePath: paths[0], driverPath: paths[1])
    }
}
