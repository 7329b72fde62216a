#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Statute

/// The local date, for requests that give no `today` (SPEC §7: the server's local date).
enum LocalDate {
    /// Today in the process's time zone (`TZ`), or `nil` if the clock cannot be read.
    static func today() -> CalendarDate? {
        var now = time(nil)
        var parts = tm()
        guard localtime_r(&now, &parts) != nil else { return nil }
        return CalendarDate(year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday))
    }
}
