// The notebook layer's public surface: display in tslab, and the kernelspec.
export { show, say, finding, mimeBundle, type MimeBundle, type ShowOptions } from "./display";
export { installKernelSpec, kernelName, userJupyterDataFolder } from "./kernelspec";
