namespace MediaSync.Catalog;
