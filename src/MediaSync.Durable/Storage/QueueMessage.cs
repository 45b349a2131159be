namespace MediaSync.Durable.Storage;

/// <summary>A received queue message: its identity, the receipt that proves this receive, and how often it was received.</summary>
internal sealed record QueueMessage(string MessageId, string PopReceipt, string Body, long DequeueCount, DateTimeOffset InsertedOn);
