import Foundation
import Hummingbird
import Statute
import Testing
@testable import StatuteServer

/// The OpenAPI document kept in docs/openapi.json is the one served, is well formed, and
/// names exactly the routes the server answers (schemathesis in CI checks the answers).
@Suite struct OpenAPIDocumentTests {
    static let file = ServerFixtures.root.appendingPathComponent("docs/openapi.json")

    static func document() throws -> JSONValue {
        let bytes = try [UInt8](Data(contentsOf: file))
        return try JSONReader.parse(bytes).get()
    }

    @Test func theServedDocumentIsTheFileInTheRepository() throws {
        // The target's resource is a link to docs/openapi.json, embedded at build time.
        let text = try String(contentsOf: Self.file, encoding: .utf8)
        #expect(OpenAPIDocument.json == text)
        let link = ServerFixtures.root.appendingPathComponent("Sources/StatuteServer/Resources/openapi.json").path
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == "../../../docs/openapi.json")
    }

    @Test func everyRouteIsDocumentedAndEveryDocumentedRouteExists() throws {
        guard case .object(let paths)? = try Self.document()["paths"] else { Issue.record("no paths"); return }
        var documented: Set<String> = []
        for (path, item) in paths {
            guard case .object(let members) = item else { continue }
            for (method, _) in members where ["get", "post", "put", "delete", "patch", "head"].contains(method) {
                documented.insert("\(method.uppercased()) \(path)")
            }
        }
        let served = Set(ServiceRoutes.all.map { "\($0.method.rawValue) \($0.path)" })
        #expect(documented == served)
    }

    @Test func theDocumentIsOpenAPI31AndEveryReferenceResolves() throws {
        let document = try Self.document()
        #expect(document["openapi"] == .string("3.1.0"))
        #expect(document.at("info", "title") != nil && document.at("info", "version") != nil)
        var references: [String] = []
        func collect(_ value: JSONValue) {
            switch value {
            case .object(let members):
                for (key, member) in members {
                    if key == "$ref", case .string(let target) = member { references.append(target) } else { collect(member) }
                }
            case .array(let items): items.forEach(collect)
            default: break
            }
        }
        collect(document)
        #expect(!references.isEmpty)
        for reference in references {
            #expect(reference.hasPrefix("#/"))
            var node: JSONValue? = document
            for part in reference.dropFirst(2).split(separator: "/") { node = node?[String(part)] }
            #expect(node != nil, "unresolved \(reference)")
        }
        // Every operation documents its answers, the JSON error shape among them on /v1.
        guard case .object(let paths)? = document["paths"] else { return }
        for (path, item) in paths {
            guard case .object(let operations) = item else { continue }
            for (method, operation) in operations where method != "parameters" {
                // 200, or 201 for the route that creates a record.
                #expect(operation["responses"]?["200"] != nil || operation["responses"]?["201"] != nil, "\(method) \(path)")
                if path.hasPrefix("/v1") { #expect(operation["responses"]?["401"] != nil, "\(method) \(path)") }
            }
        }
    }
}
