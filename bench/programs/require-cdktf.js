'use strict';
require('cdktf');
