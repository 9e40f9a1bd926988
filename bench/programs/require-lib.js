'use strict';
// What `require('cdktf-mlflow-azure')` loads: the package's main entry.
require('../../dist/index.js');
