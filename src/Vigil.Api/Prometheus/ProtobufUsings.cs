// The protobuf wire reader lives in Vigil.Model so the scraper's exposition parser shares it; remote write and
// remote read use it throughout.
global using Vigil.Model.Protobuf;
