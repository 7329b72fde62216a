import Foundation
import CGraphviz
import Synchronization

/// Lays out DOT text with Graphviz's C library (libgvc) and returns the SVG, for the
/// console's lifecycle diagrams. Graphviz keeps process-wide state and is not safe to call
/// from two threads at once, so every call goes through one lock; the console calls it from
/// one thread of its own only (``DiagramCache``), so the lock is never waited on by a request.
enum GraphvizSVG {
    /// Graphviz's process-wide state, guarded: the one context every layout uses.
    private static let context = Mutex<GraphvizContext?>(nil)

    /// The SVG element for `dot` (from `<svg` to `</svg>`), or a reason it could not be drawn.
    static func render(dot: String) -> Result<String, GraphvizError> {
        context.withLock { holder -> Result<String, GraphvizError> in
            if holder == nil {
                guard let gvc = gvContext() else { return .failure(GraphvizError(message: "Graphviz could not start")) }
                holder = GraphvizContext(pointer: gvc)
            }
            guard let gvc = holder?.pointer else { return .failure(GraphvizError(message: "Graphviz could not start")) }
            return layout(dot, gvc)
        }
    }

    private static func layout(_ dot: String, _ gvc: OpaquePointer) -> Result<String, GraphvizError> {
        guard let graph = dot.withCString({ agmemread($0) }) else {
            return .failure(GraphvizError(message: "Graphviz could not read the diagram"))
        }
        defer { agclose(graph) }
        guard gvLayout(gvc, graph, "dot") == 0 else {
            return .failure(GraphvizError(message: "Graphviz could not lay out the diagram"))
        }
        defer { gvFreeLayout(gvc, graph) }
        var data: UnsafeMutablePointer<CChar>? = nil
        var length: UInt32 = 0
        guard gvRenderData(gvc, graph, "svg", &data, &length) == 0, let data else {
            return .failure(GraphvizError(message: "Graphviz could not draw the diagram as SVG"))
        }
        defer { gvFreeRenderData(data) }
        let bytes = UnsafeRawBufferPointer(start: data, count: Int(length))
        guard let svg = String(validating: bytes, as: UTF8.self) else {
            return .failure(GraphvizError(message: "Graphviz wrote SVG that is not UTF-8"))
        }
        // Drop the XML declaration, doctype and comments before the element itself.
        guard let start = svg.range(of: "<svg") else {
            return .failure(GraphvizError(message: "Graphviz wrote no SVG element"))
        }
        return .success(String(svg[start.lowerBound...]))
    }
}

/// The Graphviz context, owned by ``GraphvizSVG``'s lock.
struct GraphvizContext: @unchecked Sendable {
    let pointer: OpaquePointer
}

/// Why a diagram could not be drawn.
struct GraphvizError: Error, Sendable {
    var message: String
}
