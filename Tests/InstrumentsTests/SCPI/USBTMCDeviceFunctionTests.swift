@testable import InstrumentSimulators
import Testing
import Transport

/// The simulated instrument's USBTMC function, fed transfers directly (no bus).
@Suite struct USBTMCDeviceFunctionTests {
    func function() -> USBTMCDeviceFunction {
        USBTMCDeviceFunction { message in message.hasPrefix("*IDN?") ? "KEITHLEY INSTRUMENTS,MODEL 2450,1,1" : nil }
    }

    @Test func replyWaitsForTheRequestAndEchoesItsTag() throws {
        var device = function()
        let queryAccepted = device.receiveBulkOut(USBTMCFraming.deviceDependentOut(Array("*IDN?\n".utf8), tag: 1))
        let early = device.nextBulkIn(maximumLength: 512)
        let requestAccepted = device.receiveBulkOut(USBTMCFraming.requestDeviceDependentIn(maximumSize: 500, tag: 2))
        let reply = device.nextBulkIn(maximumLength: 512)
        #expect(queryAccepted && requestAccepted)
        #expect(early == nil, "no reply before REQUEST_DEV_DEP_MSG_IN")
        let transfer = try #require(reply)
        #expect(transfer.count % 4 == 0)
        let start = try USBTMCFraming.replyStart(transfer, expectedTag: 2, maximumSize: 500)
        #expect(start.header.isEndOfMessage)
        #expect(String(decoding: start.payload, as: UTF8.self) == "KEITHLEY INSTRUMENTS,MODEL 2450,1,1\n")
    }

    @Test func longReplyComesInChunksWithEndOfMessageOnTheLast() throws {
        var device = function()
        _ = device.receiveBulkOut(USBTMCFraming.deviceDependentOut(Array("*IDN?\n".utf8), tag: 1))
        var payload: [UInt8] = []
        var tag: UInt8 = 2
        while true {
            _ = device.receiveBulkOut(USBTMCFraming.requestDeviceDependentIn(maximumSize: 8, tag: tag))
            let chunk = device.nextBulkIn(maximumLength: 512)
            let start = try USBTMCFraming.replyStart(try #require(chunk), expectedTag: tag, maximumSize: 8)
            payload += start.payload
            tag += 1
            if start.header.isEndOfMessage { break }
            #expect(start.payload.count == 8)
        }
        #expect(String(decoding: payload, as: UTF8.self) == "KEITHLEY INSTRUMENTS,MODEL 2450,1,1\n")
    }

    @Test func messageSplitAcrossTransfersRunsOnceComplete() throws {
        var device = function()
        _ = device.receiveBulkOut(USBTMCFraming.deviceDependentOut(Array("*ID".utf8), tag: 1, endOfMessage: false))
        _ = device.receiveBulkOut(USBTMCFraming.requestDeviceDependentIn(maximumSize: 64, tag: 2))
        let partial = device.nextBulkIn(maximumLength: 512)
        #expect(partial == nil, "half a message has no reply yet")
        _ = device.receiveBulkOut(USBTMCFraming.deviceDependentOut(Array("N?\n".utf8), tag: 3))
        _ = device.receiveBulkOut(USBTMCFraming.requestDeviceDependentIn(maximumSize: 64, tag: 4))
        let whole = device.nextBulkIn(maximumLength: 512)
        let reply = try #require(whole)
        #expect(try USBTMCFraming.replyStart(reply, expectedTag: 4, maximumSize: 64).header.isEndOfMessage)
    }

    @Test func deviceClearDropsTheUnreadReply() {
        var device = function()
        _ = device.receiveBulkOut(USBTMCFraming.deviceDependentOut(Array("*IDN?\n".utf8), tag: 1))
        let initiated = device.control(.initiateClear, value: 0)
        let checked = device.control(.checkClearStatus, value: 0)
        #expect(initiated == [USBTMCStatus.success.rawValue])
        #expect(checked == [USBTMCStatus.success.rawValue, 0])
        _ = device.receiveBulkOut(USBTMCFraming.requestDeviceDependentIn(maximumSize: 64, tag: 2))
        let reply = device.nextBulkIn(maximumLength: 512)
        #expect(reply == nil)
    }

    @Test func capabilitiesAndFramingViolations() throws {
        var device = function()
        let reply = device.control(.getCapabilities, value: 0)
        let capabilities = try USBTMCCapabilities(decoding: try #require(reply))
        #expect(capabilities.usb488Version == 0x0100)
        let accepted = device.receiveBulkOut([0x01, 0x05, 0x05, 0x00])
        #expect(!accepted, "a header with a bad ~bTag stalls")
    }

    @Test func garbageFaultBreaksTheFraming() throws {
        var device = function()
        device.fault = .garbage
        _ = device.receiveBulkOut(USBTMCFraming.deviceDependentOut(Array("*IDN?\n".utf8), tag: 1))
        _ = device.receiveBulkOut(USBTMCFraming.requestDeviceDependentIn(maximumSize: 64, tag: 2))
        let reply = device.nextBulkIn(maximumLength: 512)
        let transfer = try #require(reply)
        #expect(throws: USBTMCFramingError.self) { try USBTMCFraming.replyStart(transfer, expectedTag: 2, maximumSize: 64) }
    }
}
