import Transport

/// The part every Modbus driver shares: a connection, a register map, and
/// reads that fetch adjacent registers in one request.
///
/// Only registers that touch are merged: reading across a gap can hit an
/// address the device does not implement and earn an "illegal data address".
struct ModbusDevice: Sendable {
    let connection: ModbusConnection
    let map: ModbusRegisterMap
    /// The instrument address text, for errors and identities.
    let address: String

    /// The registers of each span, in the order given.
    func read(_ spans: [ModbusSpan]) async throws(ModbusInstrumentError) -> [ArraySlice<UInt16>] {
        var blocks: [(span: ModbusSpan, values: [UInt16])] = []
        for span in Self.merged(spans) {
            do {
                blocks.append((span, try await connection.readRegisters(span.table, at: span.register, count: span.count)))
            } catch {
                throw communication(error, doing: "reading \(name(of: span))")
            }
        }
        return spans.map { wanted in
            for (block, values) in blocks where block.table == wanted.table
                && block.register <= wanted.register && wanted.end <= block.end {
                let start = wanted.register - block.register
                return values[start..<start + wanted.count]
            }
            return []  // unreachable: every span lies inside a merged block
        }
    }

    /// Writes `si` into `field`, checking that it fits the register first.
    func write(_ si: Double, to field: ModbusField) async throws(ModbusInstrumentError) {
        guard let registers = field.registers(for: si) else {
            let range = field.representableRange
            throw ModbusInstrumentError(.outOfRange, instrument: map.deviceName, address: address,
                detail: "\(field.name) \(si) (SI) does not fit \(field.type.rawValue) register \(field.register) "
                    + "with scale \(field.scale) \(field.unit); expected \(range.lowerBound)…\(range.upperBound) (SI)")
        }
        do {
            try await connection.writeRegisters(at: field.register, registers)
        } catch {
            throw communication(error, doing: "writing \(field.name) to register \(field.register)")
        }
    }

    /// Adjacent or overlapping spans of one table, joined, within the read limit.
    static func merged(_ spans: [ModbusSpan]) -> [ModbusSpan] {
        var result: [ModbusSpan] = []
        for span in spans.sorted(by: { ($0.table.rawValue, $0.register) < ($1.table.rawValue, $1.register) }) {
            if let last = result.last, last.table == span.table, span.register <= last.end,
               max(last.end, span.end) - last.register <= ModbusConnection.maximumReadCount {
                result[result.count - 1].count = max(last.end, span.end) - last.register
            } else {
                result.append(span)
            }
        }
        return result
    }

    func communication(_ error: ModbusError, doing what: String) -> ModbusInstrumentError {
        let advice = switch error.kind {
        case .rejected: "check the register map \(map.file) against the device's manual"
        case .timeout: "check power, wiring, unit id and line settings"
        case .unavailable, .disconnected: "check that the device is connected and reachable"
        case .malformed: "check for a second master on the line or wrong line settings"
        case .system: "see the detail"
        }
        return ModbusInstrumentError(.communication, instrument: map.deviceName, address: address,
                                     detail: "\(what) failed: \(error); \(advice)", underlying: error)
    }

    private func name(of span: ModbusSpan) -> String {
        let fields: [(String, ModbusSpan?)] = [(map.measurement.name, map.measurement.span),
                                               ("setpoint", map.setpoint?.span), ("status", map.status?.span)]
        let names = fields.compactMap { name, field in
            field.flatMap { $0.table == span.table && span.register <= $0.register && $0.end <= span.end ? name : nil }
        }
        let what = names.isEmpty ? "registers" : names.joined(separator: " and ")
        return "\(what) (\(span.table) \(span.register), \(span.count) registers)"
    }

    func identity() -> InstrumentIdentity {
        InstrumentIdentity(vendor: map.vendor, model: map.model, serialNumber: "", firmware: "", address: address)
    }
}
