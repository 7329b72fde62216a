import Dispatch
import Statute
import Synchronization

/// The console's lifecycle diagrams: each drawn by Graphviz once per policy version (by
/// digest), on a thread of its own — never on the server's event loops or Swift's
/// cooperative threads — so a slow layout holds up no other request. A policy with more
/// arrows than ``maxArrows`` is not drawn at all (Graphviz's layout time grows steeply with
/// crossings: 70 transitions among 40 statuses take it many seconds), and a page waits at
/// most ``wait`` for a drawing under way before saying it is still being drawn.
final class DiagramCache: Sendable {
    /// What a page shows in place of the diagram's Markdown.
    enum Diagram: Sendable, Equatable {
        /// The drawn SVG element.
        case drawn(String)
        /// Graphviz failed: why.
        case failed(String)
        /// Not drawn: the policy has `arrows` arrows, more than the cap.
        case leftOut(arrows: Int)
        /// Being drawn; the page says so and a reload shows it.
        case drawing
    }

    let maxArrows: Int
    let wait: Duration
    /// At most this many versions are kept; beyond it the cache starts again.
    let capacity = 256
    private let drawings = Mutex<[String: Diagram]>([:])
    private let queue = DispatchQueue(label: "statute.console.graphviz", qos: .utility)

    init(maxArrows: Int = 60, wait: Duration = .seconds(2)) {
        self.maxArrows = maxArrows
        self.wait = wait
    }

    /// The diagram of `version`: drawn, failed or left out, or still `drawing` after ``wait``.
    func diagram(for version: PolicyVersion) async -> Diagram {
        let key = version.digest
        let arrows = PolicyGraph.arrowCount(for: version.policy)
        guard arrows <= maxArrows else { return .leftOut(arrows: arrows) }
        let start = drawings.withLock { drawings -> Bool in
            if drawings[key] != nil { return false }
            if drawings.count >= capacity { drawings.removeAll() }
            drawings[key] = .drawing
            return true
        }
        if start {
            let dot = PolicyGraph.dot(for: version.policy)
            queue.async { [self] in
                let drawn: Diagram
                switch GraphvizSVG.render(dot: dot) {
                case .success(let svg): drawn = .drawn(svg)
                case .failure(let error): drawn = .failed(error.message)
                }
                self.drawings.withLock { $0[key] = drawn }
            }
        }
        let deadline = ContinuousClock.now.advanced(by: wait)
        while true {
            let current = drawings.withLock { $0[key] } ?? .drawing
            if current != .drawing || ContinuousClock.now >= deadline { return current }
            try? await Task.sleep(for: .milliseconds(20))
        }
    }
}
