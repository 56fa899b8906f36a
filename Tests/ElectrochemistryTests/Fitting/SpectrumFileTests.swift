import Numerics
import Testing
@testable import Electrochemistry

/// CSV and EC-Lab text files parse, in both signs of the imaginary column,
/// and bad files give errors at their line and column.
@Suite struct SpectrumFileTests {
    func parseError(_ text: String) -> SpectrumFileError? {
        do { _ = try SpectrumFile.parse(text, file: "cell.csv"); return nil } catch { return error }
    }

    @Test func csvAsCyclerctlSimWritesIt() throws {
        let data = try SpectrumFile.parse("""
            frequency_Hz,z_real_ohm,z_imag_ohm
            1000000.0,50.2,-3.1
            1000.0,180.5,-90.25
            0.1,550.0,-1.5
            """, file: "sim.csv")
        #expect(data.frequencies == [1e6, 1e3, 0.1])
        #expect(data.impedances[1] == Complex(180.5, -90.25))
    }

    @Test func minusImHeaderFlipsTheSign() throws {
        for header in ["freq/Hz,Re(Z)/Ohm,-Im(Z)/Ohm", "Frequency (Hz);Z' (Ω);-Z'' (Ω)", "f/Hz\tZreal/Ohm\t-Zimag/Ohm"] {
            let delimiter = header.contains(";") ? ";" : header.contains("\t") ? "\t" : ","
            let rows = ["100", "20", "5"].joined(separator: delimiter) + "\n" + ["10", "30", "8"].joined(separator: delimiter)
            let data = try SpectrumFile.parse(header + "\n" + rows, file: "x")
            #expect(data.impedances[0] == Complex(20, -5), "\(header)")
        }
    }

    @Test func ecLabTextExportWithDecimalCommas() throws {
        let text = """
            EC-Lab ASCII FILE
            Nb header lines : 6

            Potentio Electrochemical Impedance Spectroscopy
            Electrode surface area : 0,785 cm²
            freq/Hz\tRe(Z)/Ohm\t-Im(Z)/Ohm\t|Z|/Ohm\tPhase(Z)/deg\ttime/s\t
            1,000000E+006\t5,020000E+001\t3,100000E+000\t50,3\t-3,5\t1,0\t
            1,000000E+003\t1,805000E+002\t9,025000E+001\t201,8\t-26,6\t2,0\t
            """
        let data = try SpectrumFile.parse(text, file: "cell.mpt")
        #expect(data.frequencies == [1e6, 1e3])
        #expect(data.impedances[1] == Complex(180.5, -90.25))
    }

    @Test func badNumbersAreLocated() throws {
        let e = try #require(parseError("frequency_Hz,z_real_ohm,z_imag_ohm\n100,20,-5\n10,3O,-8\n"))
        #expect(e.code == .badNumber)
        #expect((e.line, e.column) == (3, 4))
        #expect(e.description.hasPrefix("cell.csv:3:4:"))
    }

    @Test func nanIsLocated() throws {
        let e = try #require(parseError("frequency_Hz,z_real_ohm,z_imag_ohm\n100,20,-5\n10,nan,-8\n"))
        #expect(e.code == .invalidData)
        #expect((e.line, e.column) == (3, 4))
    }

    @Test func duplicateFrequencyIsLocated() throws {
        let e = try #require(parseError("frequency_Hz,z_real_ohm,z_imag_ohm\n100,20,-5\n10,30,-8\n100,21,-5\n"))
        #expect(e.code == .invalidData)
        #expect((e.line, e.column) == (4, 1))
        #expect(e.message.contains("twice"))
    }

    @Test func aSinglePointIsRefused() throws {
        let e = try #require(parseError("frequency_Hz,z_real_ohm,z_imag_ohm\n100,20,-5\n"))
        #expect(e.message.contains("1 data point"))
    }

    @Test func missingColumnsAndFieldsAreNamed() throws {
        let noImaginary = try #require(parseError("frequency_Hz,z_real_ohm,phase\n100,20,-5\n"))
        #expect(noImaginary.code == .missingColumn && noImaginary.line == 1)
        #expect(noImaginary.message.contains("imaginary"))
        let short = try #require(parseError("frequency_Hz,z_real_ohm,z_imag_ohm\n100,20\n"))
        #expect(short.code == .missingField && short.line == 2)
        let headless = try #require(parseError("100,20,-5\n10,30,-8\n"))
        #expect(headless.code == .missingHeader)
        #expect(parseError("")?.code == .missingHeader)
        let ecLab = try #require(parseError("EC-Lab ASCII FILE\nNb header lines : 40\n"))
        #expect(ecLab.code == .missingHeader && ecLab.line == 2)
    }
}
