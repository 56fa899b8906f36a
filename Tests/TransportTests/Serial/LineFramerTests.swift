import Testing
import Transport

/// Line framing on a byte stream that arrives in arbitrary pieces.
@Suite struct LineFramerTests {
    @Test func linesSplitAcrossChunksComeOutWhole() throws {
        var framer = LineFramer()
        framer.append(Array("hel".utf8))
        #expect(try framer.nextLine() == nil)
        framer.append(Array("lo\nwor".utf8))
        #expect(try framer.nextLine() == "hello")
        #expect(try framer.nextLine() == nil)
        framer.append(Array("ld\r\n\nlast\n".utf8))
        #expect(try framer.nextLine() == "world")
        #expect(try framer.nextLine() == "")
        #expect(try framer.nextLine() == "last")
        #expect(framer.pendingByteCount == 0)
    }

    @Test func manyLinesSurviveCompaction() throws {
        var framer = LineFramer()
        let lines = (0..<5000).map { "P\($0)" }
        framer.append(Array(lines.map { $0 + "\n" }.joined().utf8))
        var seen: [String] = []
        while let line = try framer.nextLine() { seen.append(line) }
        #expect(seen == lines)
    }

    @Test func tooManyBytesWithoutANewlineAreRefused() {
        var framer = LineFramer(maximumLength: 16)
        framer.append([UInt8](repeating: 0xAA, count: 17))
        #expect { try framer.nextLine() } throws: { error in
            (error as? LineFramer.LineTooLong).map { $0.byteCount == 17 && $0.maximumLength == 16 } ?? false
        }
        #expect(framer.pendingByteCount == 0)
    }

    @Test func anOverlongLineIsRefusedAndTheNextOneStillArrives() throws {
        var framer = LineFramer(maximumLength: 4)
        framer.append(Array("toolong\nok\n".utf8))
        #expect(throws: LineFramer.LineTooLong.self) { try framer.nextLine() }
        #expect(try framer.nextLine() == "ok")
    }
}
