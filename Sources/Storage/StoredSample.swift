import GRDB

/// One recorded sample as stored, numbered in its channel's sequence.
public struct StoredSample: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "sample"

    public var channel: String
    public var seq: Int64
    public var job: Int64
    /// Job time (s).
    public var time: Double
    public var unixTime: Double
    public var voltage: Double
    /// A, positive charges.
    public var current: Double
    /// Pa.
    public var pressure: Double?
    /// K.
    public var temperature: Double?
    public var step: Int
    public var cycle: Int
    public var stepTime: Double
    /// C.
    public var stepCharge: Double

    public init(channel: String, seq: Int64, job: Int64, time: Double, unixTime: Double, voltage: Double, current: Double,
                pressure: Double?, temperature: Double?, step: Int, cycle: Int, stepTime: Double, stepCharge: Double) {
        self.channel = channel
        self.seq = seq
        self.job = job
        self.time = time
        self.unixTime = unixTime
        self.voltage = voltage
        self.current = current
        self.pressure = pressure
        self.temperature = temperature
        self.step = step
        self.cycle = cycle
        self.stepTime = stepTime
        self.stepCharge = stepCharge
    }

    /// Read by column name, not through `Decodable`: whole jobs are read
    /// sample by sample (summaries, exports, plots), and GRDB's decoder
    /// costs several times what the values do.
    public init(row: Row) throws {
        channel = row["channel"]
        seq = row["seq"]
        job = row["job"]
        time = row["time"]
        unixTime = row["unixTime"]
        voltage = row["voltage"]
        current = row["current"]
        pressure = row["pressure"]
        temperature = row["temperature"]
        step = row["step"]
        cycle = row["cycle"]
        stepTime = row["stepTime"]
        stepCharge = row["stepCharge"]
    }
}
