import ArgumentParser
import Foundation
import Statute

/// `statute graph --policy FILE --format mermaid|dot`: the status diagram (SPEC §5.5).
struct GraphCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "graph",
        abstract: "Print the status diagram of a policy.",
        discussion: "Automatic transitions are solid edges labelled with their trigger; manual ones are dashed "
            + "edges labelled with the roles that may request them. Render dot with Graphviz, e.g. "
            + "`statute graph --policy p.yaml --format dot | dot -Tpng -o p.png`.")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case mermaid, dot
    }

    @Option(name: .long, help: ArgumentHelp("The policy file.", valueName: "FILE"))
    var policy: String

    @Option(name: .long, help: "The diagram language.")
    var format: Format = .mermaid

    func run() throws {
        let (compiled, _) = try DocsCommandSupport.load(policy)
        switch format {
        case .mermaid: Terminal.out(PolicyGraph.mermaid(for: compiled))
        case .dot: Terminal.out(PolicyGraph.dot(for: compiled))
        }
    }
}
