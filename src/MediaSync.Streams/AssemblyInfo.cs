namespace MediaSync.Streams;
