namespace MediaSync.Durable;
