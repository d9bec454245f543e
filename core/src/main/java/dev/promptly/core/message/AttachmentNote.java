package dev.promptly.core.message;

/** An attachment that arrived with a message: noted for the team, its content is not kept. */
public record AttachmentNote(String filename, String contentType, long sizeBytes) {
}
