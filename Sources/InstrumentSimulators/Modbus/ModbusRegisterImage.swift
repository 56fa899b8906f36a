import Instruments
import Transport

/// Turns a bench snapshot into the register words a real device with this
/// map would show, including its status bits.
///
/// A value the register type cannot carry is clamped and flagged over (or
/// under) range, as a transmitter does when its load cell is overloaded.
struct ModbusRegisterImage {
    let map: ModbusRegisterMap

    /// Register writes, as (table, register, words).
    func words(for snapshot: ModbusBenchLink.Snapshot) -> [(ModbusRegisterTable, Int, [UInt16])] {
        let (measured, over, under) = encodeClamped(snapshot.measurement, map.measurement)
        var words = [(map.measurement.table, map.measurement.register, measured)]
        if let status = map.status {
            words.append((status.table, status.register, status.word(stable: snapshot.stable, overRange: over, underRange: under)))
        }
        return words
    }

    /// The setpoint registers' initial words.
    func setpointWords(_ si: Double) -> [UInt16]? {
        map.setpoint.map { encodeClamped(si, $0).words }
    }

    /// Register spans the device implements, per table: from the lowest to the highest mapped register.
    var extent: [ModbusRegisterTable: Range<Int>] {
        let spans = [map.measurement.span] + [map.setpoint?.span, map.status?.span].compactMap { $0 }
        var extent: [ModbusRegisterTable: Range<Int>] = [:]
        for span in spans {
            let range = span.register..<span.end
            extent[span.table] = extent[span.table].map { min($0.lowerBound, range.lowerBound)..<max($0.upperBound, range.upperBound) } ?? range
        }
        return extent
    }

    private func encodeClamped(_ si: Double, _ field: ModbusField) -> (words: [UInt16], over: Bool, under: Bool) {
        if let words = field.registers(for: si) { return (words, false, false) }
        let raw = (si - field.offset) / field.gain / field.scale
        let over = raw > 0
        let clamped = over ? field.type.range.upperBound : field.type.range.lowerBound
        return (field.type.encode(clamped, order: field.wordOrder) ?? [], over, !over)
    }
}
