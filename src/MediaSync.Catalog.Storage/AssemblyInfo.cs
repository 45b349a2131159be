namespace MediaSync.Catalog.Storage;
