import Instruments
import Testing

/// The packet decoder against INSTRUMENTS.md's documented examples, and its typed errors.
@Suite struct MethodSCRIPTPacketTests {
    @Test func decodesThePotentialAndCurrentExampleWithStatusAndRange() throws {
        let packet = try MethodSCRIPTPacket(decoding: "Pda84E63DAn;ba82AB973f,14,284")
        let e = try #require(packet[.appliedPotential])
        let i = try #require(packet[.current])
        #expect(abs(e.value - 5.13737e-3) < 1e-12)
        #expect(abs(i.value - 2.799987e-9) < 1e-18)
        #expect(i.status == .underload)
        #expect(i.currentRange == 0x84)
        #expect(e.status.isEmpty && e.currentRange == nil)
    }

    @Test func decodesTheImpedanceExample() throws {
        let packet = try MethodSCRIPTPacket(decoding: "PdcDF5DFF4u;cc896D904m,10,287;cd82DB1A8u,10,287")
        #expect(abs(try #require(packet[.frequency]).value - 99.999732) < 1e-9)
        #expect(abs(try #require(packet[.impedanceReal]).value - 9885.956) < 1e-9)
        #expect(abs(try #require(packet[.impedanceImaginary]).value - 2.9946) < 1e-12)
        #expect(packet[.impedanceReal]?.currentRange == 0x87)
    }

    @Test func decodesTheSimplePotentialExample() throws {
        #expect(try MethodSCRIPTPacket(decoding: "Pda8000064m").variables.first?.value == 0.1)
    }

    @Test func decodesNaNAndNegativeValuesAndHexLettersThatArePrefixes() throws {
        let packet = try MethodSCRIPTPacket(decoding: "Pab     nan;ba7FFFFFFu;daAAAAAAAa;dbEEEEEEEE")
        #expect(packet.variables[0].value.isNaN)
        #expect(packet.variables[1].value == -1e-6)
        #expect(packet.variables[2].value == Double(0xAAAAAAA - 0x8000000) * 1e-18)
        #expect(packet.variables[3].value == Double(0xEEEEEEE - 0x8000000) * 1e18)
    }

    @Test func encodingRoundTripsThroughTheDecoder() throws {
        let variables = [
            MethodSCRIPTVariable(type: .potential, value: 3.712345),
            MethodSCRIPTVariable(type: .current, value: -1.5e-3, status: [.overloadWarning], currentRange: 5),
            MethodSCRIPTVariable(type: .impedanceImaginary, value: -12.5),
            MethodSCRIPTVariable(type: .frequency, value: 1e6),
            MethodSCRIPTVariable(type: .current, value: 0),
        ]
        let decoded = try MethodSCRIPTPacket(decoding: MethodSCRIPTPacket(variables: variables).encoded)
        for (sent, received) in zip(variables, decoded.variables) {
            #expect(received.type == sent.type)
            #expect(abs(received.value - sent.value) <= abs(sent.value) * 1e-7)
            #expect(received.status == sent.status)
            #expect(received.currentRange == sent.currentRange)
        }
        #expect(try MethodSCRIPTPacket(decoding: MethodSCRIPTPacket(variables: [.init(type: .potential, value: .nan)]).encoded)
            .variables[0].value.isNaN)
    }

    @Test(arguments: [
        ("Xda8000064m", 1, "\"P\""),
        ("Pda84E6", 4, "truncated"),
        ("Pda8000064m;", 13, "two-letter"),
        ("PDA8000064m", 2, "two-letter"),
        ("Pda80G0064m", 6, "hex digit"),
        ("Pda8000064x", 11, "SI prefix"),
        ("Pba82AB973f;ab8", 15, "truncated"),
        ("Pba82AB973f,1", 13, "metadata"),
        ("Pba82AB973f,2845", 13, "range"),
        ("Pba82AB973f|14", 12, "\",\""),
    ])
    func rejectsMalformedPacketsNamingTheColumn(line: String, column: Int, expected: String) {
        #expect {
            _ = try MethodSCRIPTPacket(decoding: line)
        } throws: { error in
            guard let error = error as? MethodSCRIPTDecodingError else { return false }
            return error.column == column && error.expected.contains(expected) && error.line == line
        }
    }
}
