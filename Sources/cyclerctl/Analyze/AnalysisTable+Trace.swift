import Electrochemistry

extension AnalysisTable {
    static let timeNames = ["time", "t"]
    static let voltageNames = ["voltage", "ewe", "ecell", "v", "u"]
    static let currentNames = ["current", "i"]

    /// The time, voltage and current columns as a trace, plus where each field
    /// lives so analysis errors can be located.
    ///
    /// - Parameter needsVoltage: without it a missing voltage column reads as 0 V.
    func trace(needsVoltage: Bool) throws(AnalysisFileError) -> (samples: [TraceSample], columns: [String: Int]) {
        func required(_ names: [String], _ what: String) throws(AnalysisFileError) -> Int {
            guard let index = columnIndex(named: names) else {
                throw AnalysisFileError(path: path, line: headerLine, column: 1,
                                        message: "no \(what) column; name one \(names[0])_UNIT, e.g. time_s,voltage_V,current_A as `cyclerctl sim cycle` writes")
            }
            return index
        }
        let time = try required(Self.timeNames, "time")
        let current = try required(Self.currentNames, "current")
        let voltage = needsVoltage ? try required(Self.voltageNames, "voltage") : columnIndex(named: Self.voltageNames)
        let t = try values(time, dimension: .time, defaultUnit: "s")
        let i = try values(current, dimension: .current, defaultUnit: "A")
        let v = try voltage.map { c throws(AnalysisFileError) in try values(c, dimension: .voltage, defaultUnit: "V") }
            ?? Array(repeating: 0, count: t.count)
        let samples = t.indices.map { TraceSample(time: t[$0], voltage: v[$0], current: i[$0]) }
        var columns = ["time": time, "current": current]
        columns["voltage"] = voltage
        return (samples, columns)
    }
}
