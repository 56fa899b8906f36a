import ArgumentParser

/// `cyclerctl instrument`: talk to one instrument directly, to check wiring
/// before starting jobs.
struct InstrumentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "instrument",
        abstract: "Identify or read an instrument at an address, without the daemon.",
        discussion: """
        Addresses are URLs: methodscript:/dev/ttyACM0?baud=921600, \
        usbtmc://05e6:2450[/SERIAL], scpi+tcp://host:5025, modbus+tcp://host:502?unit=1, \
        modbus+rtu:/dev/ttyUSB0?baud=19200&unit=3, sim:PRESET. Every form takes timeout=500ms.
        """,
        subcommands: [InstrumentIdentifyCommand.self, InstrumentReadCommand.self]
    )
}
