/// Control of the emulated instrument by text lines, for when it runs in a
/// process of its own (`cyclersim usbtmc` reads them on standard input), so a
/// test or an engineer can pull the cable or make the wire misbehave.
///
/// | line | effect | reply |
/// |---|---|---|
/// | `unplug` | the device leaves the bus | `ok` |
/// | `plug` | it comes back | `ok` |
/// | `fault none\|silent\|garbage\|truncated` | the wire misbehaves | `ok` |
/// | `output?` | the SMU's output state | `on` or `off` |
extension EmulatedUSBTMCInstrument {
    public func handleControlLine(_ line: String) -> String {
        let words = line.split(separator: " ").map { $0.lowercased() }
        switch words.first {
        case "unplug":
            unplug()
            return "ok"
        case "plug":
            do {
                try plugIn()
                return "ok"
            } catch {
                return "error \(error)"
            }
        case "fault":
            let faults: [String: SCPIWireFault] = ["none": .none, "silent": .silent, "garbage": .garbage, "truncated": .truncated]
            guard words.count == 2, let chosen = faults[words[1]] else {
                return "error expected fault none, silent, garbage or truncated"
            }
            fault = chosen
            return "ok"
        case "output?":
            let meter = meter
            return BlockingBridge.run(on: executor) { await meter.isOutputOn } ? "on" : "off"
        default:
            return "error unknown control \"\(line)\"; expected unplug, plug, fault KIND or output?"
        }
    }
}
