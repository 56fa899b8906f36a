import Testing
import Transport

/// USBTMC bulk framing, checked byte for byte against INSTRUMENTS.md and the USBTMC 1.0 tables.
@Suite struct USBTMCFramingTests {
    @Test func identificationQueryIsTheDocumentedTransfer() {
        let bytes = USBTMCFraming.deviceDependentOut(Array("*IDN?\n".utf8), tag: 1)
        #expect(bytes == [0x01, 0x01, 0xFE, 0x00, 0x06, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00,
                          0x2A, 0x49, 0x44, 0x4E, 0x3F, 0x0A, 0x00, 0x00])
    }

    @Test(arguments: 0...9) func transfersArePaddedToFourBytes(payloadLength: Int) {
        let bytes = USBTMCFraming.deviceDependentOut([UInt8](repeating: 0x41, count: payloadLength), tag: 7)
        #expect(bytes.count % 4 == 0)
        #expect(bytes.count - (12 + payloadLength) < 4)
        #expect(bytes[4] == UInt8(payloadLength), "transfer size counts the payload only, not the padding")
        #expect(bytes[(12 + payloadLength)...].allSatisfy { $0 == 0 })
    }

    @Test func messageWithoutEndOfMessageClearsBitZero() {
        let bytes = USBTMCFraming.deviceDependentOut(Array("AB".utf8), tag: 3, endOfMessage: false)
        #expect(bytes[8] == 0)
    }

    @Test func requestForReplyCarriesSizeAndTermChar() {
        let plain = USBTMCFraming.requestDeviceDependentIn(maximumSize: 0x1234, tag: 9)
        #expect(plain == [0x02, 0x09, 0xF6, 0x00, 0x34, 0x12, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00])
        let stopping = USBTMCFraming.requestDeviceDependentIn(maximumSize: 64, tag: 9, termChar: 0x0A)
        #expect(stopping[8] == 0x02 && stopping[9] == 0x0A)
    }

    @Test func tagsRunFromOneTo255AndSkipZero() {
        var tags = USBTMCTagSequence()
        let first = (0..<256).map { _ in tags.next() }
        #expect(first[0] == 1)
        #expect(first[254] == 255)
        #expect(first[255] == 1, "after 255 comes 1, never 0")
        #expect(!first.contains(0))
    }

    @Test func replyIsCheckedForMessageIDTagAndSize() throws {
        let reply = USBTMCFraming.deviceDependentIn(Array("+0,\"No error\"\n".utf8), tag: 5, endOfMessage: true)
        let start = try USBTMCFraming.replyStart(reply, expectedTag: 5, maximumSize: 100)
        #expect(String(decoding: start.payload, as: UTF8.self) == "+0,\"No error\"\n")
        #expect(start.header.isEndOfMessage)

        #expect(throws: USBTMCFramingError.self) { try USBTMCFraming.replyStart(reply, expectedTag: 6, maximumSize: 100) }
        #expect(throws: USBTMCFramingError.self) { try USBTMCFraming.replyStart(reply, expectedTag: 5, maximumSize: 4) }
        let echoedRequest = USBTMCFraming.deviceDependentOut([0x41], tag: 5)
        #expect(throws: USBTMCFramingError.self) { try USBTMCFraming.replyStart(echoedRequest, expectedTag: 5, maximumSize: 100) }
    }

    @Test func headerRejectsABrokenTagComplementAndShortInput() {
        var bytes = USBTMCFraming.requestDeviceDependentIn(maximumSize: 8, tag: 4)
        bytes[2] = 0x00
        #expect(throws: USBTMCFramingError.self) { try USBTMCHeader(decoding: bytes) }
        #expect(throws: USBTMCFramingError.self) { try USBTMCHeader(decoding: [0x02, 0x01, 0xFE]) }
        #expect(throws: USBTMCFramingError.self) { try USBTMCHeader(decoding: [0x00, 0x01, 0xFE, 0, 0, 0, 0, 0, 0, 0, 0, 0]) }
    }

    @Test func capabilitiesReadUSB488BytesAtOffsets14And15() throws {
        var reply = [UInt8](repeating: 0, count: 0x18)
        reply[0] = 0x01
        reply[2] = 0x00; reply[3] = 0x01
        reply[5] = 0x01
        reply[12] = 0x00; reply[13] = 0x01
        reply[14] = 0x07
        reply[15] = 0x0F
        let capabilities = try USBTMCCapabilities(decoding: reply)
        #expect(capabilities.usbtmcVersion == 0x0100)
        #expect(capabilities.supportsTermChar)
        #expect(capabilities.usb488InterfaceCapabilities == 0x07)
        #expect(capabilities.usb488DeviceCapabilities == 0x0F)
        #expect(capabilities.encoded == reply)
        reply[0] = 0x80
        #expect(throws: USBTMCFramingError.self) { try USBTMCCapabilities(decoding: reply) }
    }

    @Test func controlRequestsGoToInterfaceOrEndpoint() {
        #expect(USBTMCControlRequest.getCapabilities.requestType == 0xA1)
        #expect(USBTMCControlRequest.initiateClear.rawValue == 5)
        #expect(USBTMCControlRequest.checkClearStatus.rawValue == 6)
        #expect(USBTMCControlRequest.initiateAbortBulkIn.requestType == 0xA2)
        #expect(USBTMCControlRequest.getCapabilities.replyLength == 0x18)
    }
}
