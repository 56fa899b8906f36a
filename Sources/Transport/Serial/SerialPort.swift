import Glibc

/// An open serial line (a tty or a pseudo-terminal) in raw mode, with
/// deadline-bounded reads and writes and `\n` line framing.
///
/// Every call blocks its thread for at most the timeout it is given, so this
/// type belongs to one connection actor running on a `DedicatedThreadExecutor`
/// (see `SerialConnection`). It is deliberately not `Sendable`.
///
/// A vanished device (USB-CDC unplugged, pty controller closed) shows as
/// `EIO`, `ENXIO`, `ENODEV`, end of file or `POLLHUP`; each becomes
/// `TransportError(.disconnected)` and closes the descriptor, so the owner can
/// reopen the path when the device returns.
public final class SerialPort {
    /// The path (or name) used in every error message.
    public let name: String
    private var descriptor: Int32
    private var framer: LineFramer
    /// Whether this port set `TIOCEXCL` and must clear it on close.
    private var exclusive = false

    /// Opens `path` in raw mode with the given line settings, exclusively
    /// (`TIOCEXCL`), and discards whatever was waiting in its input queue.
    public init(path: String, baudRate: Int, parity: SerialParity = .none, dataBits: Int = 8, stopBits: Int = 1,
                maximumLineLength: Int = 4096) throws(TransportError) {
        name = path
        framer = LineFramer(maximumLength: maximumLineLength)
        let speed = try Self.speed(for: baudRate, path: path)
        guard (5...8).contains(dataBits), (1...2).contains(stopBits) else {
            throw TransportError(.unavailable, address: path,
                                 detail: "cannot use \(dataBits) data bits and \(stopBits) stop bits; expected 5–8 data bits and 1 or 2 stop bits")
        }
        let fd = open(path, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            let code = errno
            let hint = code == ENOENT ? "no such device; is it plugged in and is the path right?"
                : code == EACCES ? "permission denied; add the user to the dialout group or install the udev rule"
                : code == EBUSY ? "device busy; another program has it open"
                : "could not open: \(Self.describe(code))"
            throw TransportError(.unavailable, address: path, detail: hint)
        }
        descriptor = fd
        do throws(TransportError) {
            try configure(speed: speed, parity: parity, dataBits: dataBits, stopBits: stopBits)
        } catch {
            close()
            throw error
        }
        if ioctl(fd, UInt(TIOCEXCL)) != 0 {
            close()
            throw TransportError(.unavailable, address: path, detail: "could not take exclusive access: \(Self.describe(errno))")
        }
        exclusive = true
        tcflush(fd, TCIFLUSH)
    }

    /// Takes ownership of an open descriptor (a pty controller, say); the
    /// line settings are the owner's business.
    public init(adopting descriptor: Int32, name: String, maximumLineLength: Int = 4096) throws(TransportError) {
        self.name = name
        framer = LineFramer(maximumLength: maximumLineLength)
        let flags = fcntl(descriptor, F_GETFL)
        guard flags >= 0, fcntl(descriptor, F_SETFL, flags | O_NONBLOCK) == 0 else {
            throw TransportError(.system, address: name, detail: "descriptor \(descriptor) is not usable: \(Self.describe(errno))")
        }
        self.descriptor = descriptor
    }

    deinit { close() }

    public var isOpen: Bool { descriptor >= 0 }

    /// Closes the descriptor; later calls throw `.disconnected`. Idempotent.
    public func close() {
        guard descriptor >= 0 else { return }
        // Exclusivity outlives this descriptor while anyone else holds the tty open.
        if exclusive { _ = ioctl(descriptor, UInt(TIOCNXCL)) }
        _ = Glibc.close(descriptor)
        descriptor = -1
        framer.reset()
    }

    // MARK: Writing

    /// Writes all of `bytes` or throws; while the peer's input queue is full
    /// it waits, giving up when no byte has gone out for `timeout` unless
    /// `keepWaiting` says to wait another `timeout` (a simulated device whose
    /// host reads slowly blocks, as real USB-CDC firmware does).
    public func write(_ bytes: some Collection<UInt8>, timeout: Duration,
                      keepWaiting: () -> Bool = { false }) throws(TransportError) {
        var deadline = ContinuousClock.now + timeout
        let array = Array(bytes)
        var written = 0
        while written < array.count {
            let fd = try openDescriptor()
            let n = array.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + written, $0.count - written) }
            if n > 0 {
                written += n
                deadline = ContinuousClock.now + timeout
                continue
            }
            let code = errno
            guard n < 0, code == EAGAIN || code == EINTR else {
                throw failure(errno: code, while: "writing")
            }
            guard code == EAGAIN else { continue }
            do {
                try wait(for: Int16(POLLOUT), until: deadline, expecting: "room to write \(array.count - written) more bytes")
            } catch where error.kind == .timeout && keepWaiting() {
                deadline = ContinuousClock.now + timeout
            }
        }
    }

    /// Writes `text` followed by `\n`.
    public func writeLine(_ text: String, timeout: Duration) throws(TransportError) {
        try write(Array(text.utf8) + [UInt8(ascii: "\n")], timeout: timeout)
    }

    // MARK: Reading

    /// The next line (without `\n`), waiting at most `timeout` for it.
    public func readLine(timeout: Duration) throws(TransportError) -> String {
        let deadline = ContinuousClock.now + timeout
        while true {
            if let line = try bufferedLine() { return line }
            try wait(for: Int16(POLLIN), until: deadline, expecting: "a line ending in \\n")
            try fill()
        }
    }

    /// A line if one has already arrived, without waiting.
    public func availableLine() throws(TransportError) -> String? {
        if let line = try bufferedLine() { return line }
        let fd = try openDescriptor()
        var request = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&request, 1, 0) > 0 else { return nil }
        try fill()
        return try bufferedLine()
    }

    /// Throws away input received and not yet read (stale output of an
    /// earlier session), both buffered here and queued in the kernel.
    public func discardInput() {
        framer.reset()
        if descriptor >= 0 { tcflush(descriptor, TCIFLUSH) }
    }

    private func bufferedLine() throws(TransportError) -> String? {
        do {
            return try framer.nextLine()
        } catch {
            throw TransportError(.malformed, address: name,
                                 detail: "\(error.byteCount) bytes arrived without a line ending (at most \(error.maximumLength) expected); wrong baud rate or not this kind of device?")
        }
    }

    /// Reads whatever is available into the framer.
    private func fill() throws(TransportError) {
        let fd = try openDescriptor()
        var chunk = [UInt8](repeating: 0, count: 4096)
        let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress!, $0.count) }
        if n > 0 {
            chunk.withUnsafeBytes { framer.append(UnsafeRawBufferPointer(rebasing: $0[..<n])) }
        } else if n == 0 {
            close()
            throw TransportError(.disconnected, address: name, detail: "end of file: the device went away; reconnect when it is back")
        } else if errno != EAGAIN && errno != EINTR {
            throw failure(errno: errno, while: "reading")
        }
    }

    /// Waits until the descriptor is ready for `events`, the deadline passes
    /// (`.timeout`), or the device hangs up (`.disconnected`).
    private func wait(for events: Int16, until deadline: ContinuousClock.Instant, expecting what: String) throws(TransportError) {
        let fd = try openDescriptor()
        while true {
            let remaining = ContinuousClock.now.duration(to: deadline)
            guard remaining > .zero else {
                throw TransportError(.timeout, address: name, detail: "no answer within the timeout; expected \(what). Is the device on and the baud rate right?")
            }
            var request = pollfd(fd: fd, events: events, revents: 0)
            let ready = poll(&request, 1, Self.milliseconds(remaining))
            if ready < 0 {
                if errno == EINTR { continue }
                throw failure(errno: errno, while: "waiting")
            }
            if ready == 0 { continue }
            // Data that arrived before a hang-up is still read; the read then reports the hang-up.
            if request.revents & events != 0 { return }
            if request.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 {
                close()
                throw TransportError(.disconnected, address: name, detail: "the device hung up; reconnect when it is back")
            }
        }
    }

    private func openDescriptor() throws(TransportError) -> Int32 {
        guard descriptor >= 0 else {
            throw TransportError(.disconnected, address: name, detail: "the connection is closed; reconnect first")
        }
        return descriptor
    }

    /// Classifies an errno: the ones a vanished device produces close the port.
    private func failure(errno code: Int32, while action: String) -> TransportError {
        if code == EIO || code == ENXIO || code == ENODEV || code == EBADF {
            close()
            return TransportError(.disconnected, address: name, detail: "the device went away while \(action) (\(Self.describe(code))); reconnect when it is back")
        }
        return TransportError(.system, address: name, detail: "\(action) failed: \(Self.describe(code))")
    }

    // MARK: Line settings

    private func configure(speed: speed_t, parity: SerialParity, dataBits: Int, stopBits: Int) throws(TransportError) {
        var settings = termios()
        guard tcgetattr(descriptor, &settings) == 0 else {
            throw TransportError(.unavailable, address: name, detail: "is not a serial device (tcgetattr: \(Self.describe(errno)))")
        }
        cfmakeraw(&settings)
        settings.c_cflag |= tcflag_t(CLOCAL | CREAD)
        settings.c_cflag &= ~(tcflag_t(CSIZE | PARENB | PARODD | CSTOPB) | tcflag_t(CRTSCTS))
        settings.c_cflag |= tcflag_t([5: CS5, 6: CS6, 7: CS7, 8: CS8][dataBits] ?? CS8)
        switch parity {
        case .none: break
        case .even: settings.c_cflag |= tcflag_t(PARENB)
        case .odd: settings.c_cflag |= tcflag_t(PARENB | PARODD)
        }
        if stopBits == 2 { settings.c_cflag |= tcflag_t(CSTOPB) }
        settings.c_iflag &= ~tcflag_t(IXON | IXOFF | IXANY)
        // Reads never block in the kernel: poll(2) does the waiting, with a deadline.
        withUnsafeMutableBytes(of: &settings.c_cc) { cc in
            cc[Int(VMIN)] = 0
            cc[Int(VTIME)] = 0
        }
        cfsetispeed(&settings, speed)
        cfsetospeed(&settings, speed)
        guard tcsetattr(descriptor, TCSANOW, &settings) == 0 else {
            throw TransportError(.unavailable, address: name, detail: "refused the line settings: \(Self.describe(errno))")
        }
    }

    /// The standard rates termios names; a USB-CDC device ignores the rate but a
    /// real UART (an FTDI cable, a Pico on pins) does not.
    static let speeds: [Int: speed_t] = [
        1200: speed_t(B1200), 2400: speed_t(B2400), 4800: speed_t(B4800), 9600: speed_t(B9600),
        19_200: speed_t(B19200), 38_400: speed_t(B38400), 57_600: speed_t(B57600), 115_200: speed_t(B115200),
        230_400: speed_t(B230400), 460_800: speed_t(B460800), 500_000: speed_t(B500000), 576_000: speed_t(B576000),
        921_600: speed_t(B921600), 1_000_000: speed_t(B1000000), 1_500_000: speed_t(B1500000),
        2_000_000: speed_t(B2000000), 3_000_000: speed_t(B3000000), 4_000_000: speed_t(B4000000),
    ]

    static func speed(for baudRate: Int, path: String) throws(TransportError) -> speed_t {
        guard let speed = speeds[baudRate] else {
            let list = speeds.keys.sorted().map(String.init).joined(separator: ", ")
            throw TransportError(.unavailable, address: path, detail: "baud rate \(baudRate) is not a standard rate; use one of \(list)")
        }
        return speed
    }

    /// The baud rate the line is set to, read back from the kernel.
    public func configuredBaudRate() throws(TransportError) -> Int {
        var settings = termios()
        guard tcgetattr(try openDescriptor(), &settings) == 0 else {
            throw failure(errno: errno, while: "reading the line settings")
        }
        let speed = cfgetospeed(&settings)
        return Self.speeds.first { $0.value == speed }?.key ?? 0
    }

    static func milliseconds(_ duration: Duration) -> Int32 {
        let (seconds, attoseconds) = duration.components
        let ms = seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return Int32(clamping: max(ms, 0))
    }

    static func describe(_ code: Int32) -> String {
        "\(String(cString: strerror(code))) (errno \(code))"
    }
}
