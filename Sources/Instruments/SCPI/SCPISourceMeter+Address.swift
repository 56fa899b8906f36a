import Transport

extension SCPISourceMeter where C == ContinuousClock {
    /// The driver for `usbtmc://VID:PID[/SERIAL]` or `scpi+tcp://HOST:PORT`.
    ///
    /// - Throws: `.invalidSetting` for any other kind of address.
    public init(address: InstrumentAddress, model: SCPISourceMeterModel = .keithley2450) throws(SCPIInstrumentError) {
        let connection: any SCPIConnection
        switch address.endpoint {
        case .scpiTCP(let host, let port):
            connection = TCPLineConnection(host: host, port: port, timeout: address.timeout, address: address.text)
        case .usbtmc(let selector):
            connection = USBTMCConnection(vendorID: selector.vendorID, productID: selector.productID,
                                          serialNumber: selector.serialNumber, timeout: address.timeout, address: address.text)
        default:
            throw SCPIInstrumentError(.invalidSetting, instrument: model.displayName, address: address.text,
                                      detail: "is not a SCPI address; expected usbtmc://05e6:2450 or scpi+tcp://HOST:5025")
        }
        self.init(connection: connection, model: model, timeout: address.timeout)
    }
}
