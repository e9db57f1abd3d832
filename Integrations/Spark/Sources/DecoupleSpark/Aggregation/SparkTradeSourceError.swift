/// A Spark trade source that cannot be used as given (missing edition or country file,
/// a layout whose columns are not in the data, a code the layout cannot map).
public struct SparkTradeSourceError: Error, Equatable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
