import LiveModel
import Testing

/// Reading any cycler's CSV by column name.
@Suite struct MeasurementCSVTests {
    @Test func columnsAreFoundByNameInAnyOrder() throws {
        let csv = try MeasurementCSV(text: """
            time_s,voltage_V,current_A,pressure_Pa,temperature_degC
            0,3.1,0,30e6,25
            1,3.2,0.001,,25
            """, file: "run.csv")
        var rows: [Measurement] = []
        try csv.forEach { rows.append($0) }
        #expect(rows.count == 2)
        #expect(rows[1] == Measurement(time: 1, current: 0.001, voltage: 3.2, pressure: nil, temperature: 298.15))
        #expect(rows[0].pressure == 30e6)
    }

    @Test func aMissingColumnIsNamed() {
        #expect {
            try MeasurementCSV(text: "time_s,voltage_V\n0,3\n", file: "run.csv")
        } throws: { error in
            (error as? LiveModelError)?.description.contains("missing column current_A") == true
        }
    }

    @Test(arguments: [("time_s,current_A,voltage_V\n0,0,abc\n", 2, "voltage_V"),
                      ("time_s,current_A,voltage_V\n5,0,3\n4,0,3\n", 3, "goes back"),
                      ("time_s,current_A,voltage_V\n0,0\n", 2, "columns")])
    func aBadRowIsLocated(text: String, line: Int, mention: String) throws {
        let csv = try MeasurementCSV(text: text, file: "run.csv")
        #expect {
            try csv.forEach { _ in }
        } throws: { error in
            guard case .malformedInput(let file, let at, let message)? = error as? LiveModelError else { return false }
            return file == "run.csv" && at == line && message.contains(mention)
        }
    }
}
