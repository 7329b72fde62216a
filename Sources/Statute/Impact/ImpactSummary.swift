import StatuteCore

/// The counts of an impact run, built one record at a time in input order, in memory
/// that depends on the policies' size, not on the number of records.
package struct ImpactSummary: Sendable {
    /// How often something happened under each side, and on which dates.
    package struct Tally: Hashable, Sendable {
        /// Count under the current policy and settings.
        package var old = 0
        /// Count under the candidate.
        package var new = 0
        /// First and last date it happens under the current side.
        package var oldDates: ClosedRange<CalendarDate>?
        /// First and last date it happens under the candidate.
        package var newDates: ClosedRange<CalendarDate>?

        mutating func add(on date: CalendarDate, candidate: Bool) {
            if candidate {
                new += 1
                newDates = newDates.map { min($0.lowerBound, date)...max($0.upperBound, date) } ?? date...date
            } else {
                old += 1
                oldDates = oldDates.map { min($0.lowerBound, date)...max($0.upperBound, date) } ?? date...date
            }
        }
    }

    /// A final-status pair and how many affected records have it.
    package struct StatusChange: Hashable, Sendable {
        /// Status on the last day under the current side (`nil`: no status).
        package var from: String?
        /// Status on the last day under the candidate.
        package var to: String?
        /// Affected records with this pair.
        package var count: Int
    }

    /// Lines read (blank lines not counted), errors included.
    package private(set) var records = 0
    /// Records whose trajectory differs.
    package private(set) var affected = 0
    /// Lines in error.
    package private(set) var errors = 0
    /// Status on the last day, old → new, for affected records whose final status differs; in order first seen.
    package private(set) var statusChanges: [StatusChange] = []
    /// Transitions taken, by id, in order first seen.
    package private(set) var transitions: [(String, Tally)] = []
    /// Effects emitted, by name, in order first seen.
    package private(set) var effects: [(String, Tally)] = []

    /// Creates an empty summary.
    package init() {}

    /// Counts one record.
    package mutating func add(_ impact: RecordImpact) {
        records += 1
        switch impact {
        case .error: errors += 1
        case .played(_, _, let old, let new, let divergesOn):
            if divergesOn != nil {
                affected += 1
                if old.finalStatus != new.finalStatus {
                    if let index = statusChanges.firstIndex(where: { $0.from == old.finalStatus && $0.to == new.finalStatus }) {
                        statusChanges[index].count += 1
                    } else {
                        statusChanges.append(StatusChange(from: old.finalStatus, to: new.finalStatus, count: 1))
                    }
                }
            }
            count(old.entries, candidate: false)
            count(new.entries, candidate: true)
        }
    }

    private mutating func count(_ entries: [TimelineEntry], candidate: Bool) {
        for entry in entries {
            ImpactSummary.bump(&transitions, entry.transition, on: entry.date, candidate: candidate)
            for effect in entry.effects { ImpactSummary.bump(&effects, effect, on: entry.date, candidate: candidate) }
        }
    }

    private static func bump(_ list: inout [(String, Tally)], _ name: String, on date: CalendarDate, candidate: Bool) {
        if let index = list.firstIndex(where: { $0.0 == name }) {
            list[index].1.add(on: date, candidate: candidate)
        } else {
            var tally = Tally()
            tally.add(on: date, candidate: candidate)
            list.append((name, tally))
        }
    }

    /// The transitions whose counts differ between the two sides.
    package var changedTransitions: [(String, Tally)] { transitions.filter { $0.1.old != $0.1.new } }
    /// The effects whose counts differ between the two sides (the emails gained or lost).
    package var changedEffects: [(String, Tally)] { effects.filter { $0.1.old != $0.1.new } }
}
