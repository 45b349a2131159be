namespace MediaSync.Hosting;
