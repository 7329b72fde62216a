#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Statute
import StatuteYAML

// The C functions of include/statute.h (docs/embedding.md). Each is a thin shell: it checks its
// pointers, calls into Swift that returns values (never traps on input), and hands back
// `malloc`ed JSON text that the caller frees with `statute_string_free`.

/// A static, NUL-terminated version string.
private let versionText: StaticString = "statute 0.1.0 (policy language 1)"

@_cdecl("statute_version")
public func statute_version() -> UnsafePointer<CChar> {
    UnsafeRawPointer(versionText.utf8Start).assumingMemoryBound(to: CChar.self)
}

@_cdecl("statute_engine_load")
public func statute_engine_load(_ path: UnsafePointer<CChar>?, _ settingsJSON: UnsafePointer<CChar>?,
                                _ diagnosticsJSON: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> OpaquePointer? {
    diagnosticsJSON?.pointee = nil
    guard let path = CStrings.bytes(path) else {
        return failedLoad(DiagnosticRenderer.json([.error(.nullPointer, "`path` is NULL", at: nil)]), diagnosticsJSON)
    }
    let loaded = PolicyLoader.load(contentsOf: String(decoding: path, as: UTF8.self))
    return finishLoad(loaded, settingsJSON, diagnosticsJSON)
}

@_cdecl("statute_engine_load_text")
public func statute_engine_load_text(_ yaml: UnsafePointer<CChar>?, _ length: Int, _ name: UnsafePointer<CChar>?,
                                     _ settingsJSON: UnsafePointer<CChar>?,
                                     _ diagnosticsJSON: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> OpaquePointer? {
    diagnosticsJSON?.pointee = nil
    guard let yaml else {
        return failedLoad(DiagnosticRenderer.json([.error(.nullPointer, "`yaml` is NULL", at: nil)]), diagnosticsJSON)
    }
    let file = CStrings.bytes(name).map { String(decoding: $0, as: UTF8.self) } ?? "<policy>"
    // A size_t above Int.max arrives negative; either way nothing over the limit is copied.
    let limit = LoadOptions().yaml.maxFileBytes
    guard length >= 0, length <= limit else {
        let start = SourceSpan(file: file, at: SourceLocation(line: 1, column: 1))
        return failedLoad(DiagnosticRenderer.json([.error(.fileTooLarge, "the policy text is \(UInt(bitPattern: length)) bytes, more than the limit of \(limit) bytes",
                                                          at: start, help: "split the policy, or shorten long texts")]), diagnosticsJSON)
    }
    let bytes = yaml.withMemoryRebound(to: UInt8.self, capacity: length) { Array(UnsafeBufferPointer(start: $0, count: length)) }
    return finishLoad(PolicyLoader.load(bytes: bytes, file: file), settingsJSON, diagnosticsJSON)
}

@_cdecl("statute_evaluate")
public func statute_evaluate(_ engine: OpaquePointer?, _ requestJSON: UnsafePointer<CChar>?) -> UnsafeMutablePointer<CChar>? {
    answer(engine, requestJSON, Answers.evaluate)
}

@_cdecl("statute_options")
public func statute_options(_ engine: OpaquePointer?, _ requestJSON: UnsafePointer<CChar>?) -> UnsafeMutablePointer<CChar>? {
    answer(engine, requestJSON, Answers.options)
}

@_cdecl("statute_string_free")
public func statute_string_free(_ text: UnsafeMutablePointer<CChar>?) {
    free(text)
}

@_cdecl("statute_engine_free")
public func statute_engine_free(_ engine: OpaquePointer?) {
    EngineBox.release(engine)
}

// MARK: - Shared steps

private func finishLoad(_ loaded: LoadedPolicy, _ settingsJSON: UnsafePointer<CChar>?,
                        _ diagnosticsJSON: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> OpaquePointer? {
    switch EngineLoading.engine(loaded, settingsJSON: CStrings.bytes(settingsJSON)) {
    case .success(let box): return box.retainedHandle()
    case .failure(let failure): return failedLoad(failure.json, diagnosticsJSON)
    }
}

private func failedLoad(_ diagnostics: JSONValue,
                        _ diagnosticsJSON: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> OpaquePointer? {
    diagnosticsJSON?.pointee = CStrings.copy(diagnostics)
    return nil
}

private func answer(_ engine: OpaquePointer?, _ requestJSON: UnsafePointer<CChar>?,
                    _ work: (EngineBox, [UInt8]) -> Result<JSONValue, CallError>) -> UnsafeMutablePointer<CChar>? {
    guard let box = EngineBox.borrow(engine) else { return CStrings.copy(CallError.null("engine").json) }
    guard let bytes = CStrings.bytes(requestJSON) else { return CStrings.copy(CallError.null("request_json").json) }
    switch work(box, bytes) {
    case .success(let json): return CStrings.copy(json)
    case .failure(let error): return CStrings.copy(error.json)
    }
}
